package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.review.Review;
import dev.tito.api.review.ReviewGrade;
import dev.tito.api.review.ReviewSpec;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.TestResult;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.operator.classroom.Eventually;
import dev.tito.operator.grading.Courses.Course;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A person's grades (a Review) counted by the operator in the student's Submissions, as a local course counts them:
 * in the status, the student's results and feedback page; kept across a restart and a regrade; dropped, and said so,
 * where the student's answer changed.
 */
class ManualGradesOnMockServerTest extends GradingOnMockServer {
  private static final String WRITTEN = "test-creation";
  private static final Map<String, String> IN_CLASS = Map.of("tito.dev/classroom", "course");

  /** A class of one student whose first Submission is graded and waits for a person to grade the written answer. */
  private static Course gradedWaitingForAPerson(String student) throws IOException {
    Course course = course(g -> {}, a -> {}, student);
    kubelet.in(
        course.namespace(),
        job ->
            new SimulatedKubelet.Succeeds(
                ScoreLog.withWrittenAnswer(
                    course.gradebook(), ASSIGNMENT, student, WRITTEN, autograded(course))));
    submit(course, student + "-1", student, course.releasedNotebooks(), IN_CLASS);
    Submission waiting =
        until(course, student + "-1", "graded", s -> s.getStatus().phase == SubmissionPhase.Graded);
    assertThat(waiting.getStatus().needsManualGrade).isTrue();
    return course;
  }

  @Test
  void aPersonsGradeCountsInTheSubmissionAndTheStudentsResultsAndOutlivesARestartAndARegrade()
      throws IOException {
    Course course = gradedWaitingForAPerson("ada");

    review(course, "ada", grade(course, "ada-1", 1.5, "<b>clear</b> & short"));

    Submission graded =
        until(
            course,
            "ada-1",
            "counted the grade",
            s -> Boolean.FALSE.equals(s.getStatus().needsManualGrade));
    double max = graded.getStatus().maxScore;
    assertThat(graded.getStatus().score).isEqualTo(max - 2.0 + 1.5);
    assertThat(written(graded))
        .satisfies(
            r -> {
              assertThat(r.manualScore).isEqualTo(1.5);
              assertThat(r.autoScore).isNull();
              assertThat(r.comment).isEqualTo("<b>clear</b> & short");
              assertThat(r.status).isEqualTo("manual");
            });
    assertThat(graded.getStatus().message).contains("some cells graded by hand");
    ConfigMap results =
        Eventually.until(
            "ada's results show the grade",
            Duration.ofSeconds(30),
            () ->
                client
                    .configMaps()
                    .inNamespace(course.namespace())
                    .withName("course-ada-results")
                    .get(),
            cm ->
                cm != null
                    && cm.getData()
                        .getOrDefault(ASSIGNMENT + ".json", "")
                        .contains("\"manualScore\":1.5"),
            () -> null);
    assertThat(results.getData().get(ASSIGNMENT + ".json"))
        .contains("\"comment\":\"<b>clear</b> & short\"");
    assertThat(results.getData().get(ASSIGNMENT + ".html"))
        .contains("graded by your instructor", "Comment: &lt;b&gt;clear&lt;/b&gt; &amp; short")
        .doesNotContain("<b>clear");

    operator.close();
    operator = startOperator();
    client
        .resources(Assignment.class)
        .inNamespace(course.namespace())
        .withName(ASSIGNMENT)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"regrade\":1}}");
    Submission regraded =
        until(
            course,
            "ada-1",
            "regraded",
            s ->
                s.getStatus().phase == SubmissionPhase.Graded
                    && Integer.valueOf(1).equals(s.getStatus().gradedRound));
    assertThat(regraded.getStatus().score).isEqualTo(graded.getStatus().score);
    assertThat(written(regraded).manualScore).isEqualTo(1.5);
    assertThat(jobsOf(course, "ada-1")).hasSize(2);
  }

  @Test
  void aGradeGivenForAnEarlierSubmissionCountsOnlyWhileTheAnswerIsTheSame() throws IOException {
    Course course = gradedWaitingForAPerson("ben");
    review(course, "ben", grade(course, "ben-1", 2.0, null));

    submit(course, "ben-2", "ben", course.releasedNotebooks(), IN_CLASS);
    Submission same =
        until(
            course,
            "ben-2",
            "graded with the grade",
            s -> s.getStatus().phase == SubmissionPhase.Graded && written(s).manualScore != null);
    submit(course, "ben-3", "ben", changedAnswer(course), IN_CLASS);
    Submission changed =
        until(
            course,
            "ben-3",
            "graded without it",
            s -> s.getStatus().phase == SubmissionPhase.Graded && written(s).gradeDropped != null);

    assertThat(same.getStatus().needsManualGrade).isFalse();
    assertThat(changed.getStatus().needsManualGrade).isTrue();
    assertThat(written(changed).manualScore).isNull();
    assertThat(written(changed).gradeDropped).isEqualTo("the answer changed since it was graded");
    assertThat(changed.getStatus().message).contains("1 grade given by hand no longer counts");
  }

  /** The released notebooks as a grading Job would have autograded them (the student changed nothing). */
  private static Map<String, Notebook> autograded(Course course) {
    Map<String, Notebook> notebooks = new TreeMap<>();
    course
        .releasedNotebooks()
        .forEach(
            (file, text) ->
                notebooks.put(
                    file.replace(".ipynb", ""),
                    NotebookReader.parse(text.getBytes(StandardCharsets.UTF_8), file)));
    return notebooks;
  }

  private static TestResult written(Submission submission) {
    return submission.getStatus().results.stream()
        .filter(r -> WRITTEN.equals(r.gradeId))
        .findFirst()
        .orElseThrow();
  }

  private static ReviewGrade grade(Course course, String submission, double score, String comment) {
    ReviewGrade grade = new ReviewGrade();
    grade.notebook = course.notebook().replace(".ipynb", "");
    grade.gradeId = WRITTEN;
    grade.score = score;
    grade.comment = comment;
    grade.maxScore = 2.0;
    grade.submission = submission;
    grade.gradedBy = "alice";
    return grade;
  }

  private static void review(Course course, String student, ReviewGrade grade) {
    Review review = new Review();
    review.getMetadata().setName(Review.name(ASSIGNMENT, student));
    review.getMetadata().setNamespace(course.namespace());
    review.setSpec(new ReviewSpec());
    review.getSpec().assignment = ASSIGNMENT;
    review.getSpec().student = student;
    review.getSpec().grades = List.of(grade);
    client.resource(review).create();
  }

  /** The release with the student's code changed: every answer the test depends on differs. */
  private static Map<String, String> changedAnswer(Course course) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> files = new TreeMap<>();
    for (Map.Entry<String, String> file : course.releasedNotebooks().entrySet()) {
      ObjectNode notebook = (ObjectNode) json.readTree(file.getValue());
      notebook
          .withArray("cells")
          .forEach(
              cell -> {
                if (cell.path("metadata").path("nbgrader").path("solution").asBoolean()) {
                  ((ObjectNode) cell)
                      .put("source", "class Tensor:\n    pass  # ben's second try\n");
                }
              });
      files.put(file.getKey(), json.writeValueAsString(notebook));
    }
    return files;
  }
}
