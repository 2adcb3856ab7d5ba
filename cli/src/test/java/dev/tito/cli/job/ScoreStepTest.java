package dev.tito.cli.job;

import static dev.tito.cli.job.JobFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.cli.TitoRun;
import dev.tito.notebook.autograde.CourseGrading;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.GradingResultJson;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tito job score} on executed notebooks written by hand: the result line, and every way an executed
 * notebook left by student code can be hostile, each scored (never a crash, never a forged point).
 */
class ScoreStepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path temp;
  private JobFixture job;

  @BeforeEach
  void fixture() {
    job = new JobFixture(temp);
  }

  /** The one line, checked for its shape, and its result as the operator's strict reader keeps it. */
  private record Line(JsonNode json, GradingResult result, String feedback) {
    NotebookGrade p1() {
      return result.notebooks().stream()
          .filter(n -> n.name().equals("p1"))
          .findFirst()
          .orElseThrow();
    }

    TestResult test(String gradeId) {
      return p1().tests().stream()
          .filter(t -> t.gradeId().equals(gradeId))
          .findFirst()
          .orElseThrow();
    }
  }

  private Line score(Path submission) throws Exception {
    TitoRun run = job.score(submission);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).endsWith("\n").hasLineCount(1);
    assertThat(run.out().length()).isLessThan(1 << 20);
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("tito").asText()).isEqualTo("grading-result");
    assertThat(fieldNames(json)).containsExactly("tito", "result", "feedback");
    GradingResult result =
        GradingResultJson.readUntrusted(
            JSON.writeValueAsBytes(json.get("result")),
            "score log",
            JobFixture.ASSIGNMENT,
            "ada",
            CourseGrading.readGradebook(job.gradebook, JobFixture.ASSIGNMENT));
    return new Line(json, result, json.get("feedback").asText());
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private Path preparedSubmission(Notebook p1) {
    Path submission = job.submit(p1);
    assertThat(job.prepare(submission).exitCode()).isZero();
    return submission;
  }

  @Test
  void anHonestRunScoresFullMarksAndPrintsOneLineTheOperatorAccepts() throws Exception {
    Path submission = preparedSubmission(job.answer("def add(a, b):\n    return a + b"));
    job.executed(Map.of());

    Line line = score(submission);

    assertThat(line.p1().score()).isEqualTo(3.0);
    assertThat(line.p1().failure()).isEqualTo("ok");
    assertThat(line.result().score()).isEqualTo(3.0);
    assertThat(line.result().maxScore()).isEqualTo(4.0);
    assertThat(line.json().path("result").path("late_penalty").asDouble()).isZero();
    assertThat(line.json().path("result").path("raw_score").asDouble()).isEqualTo(3.0);
    NotebookGrade p2 =
        line.result().notebooks().stream()
            .filter(n -> n.name().equals("p2"))
            .findFirst()
            .orElseThrow();
    assertThat(p2.submitted()).isFalse();
    assertThat(p2.tests()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TestStatus.MISSING));
    assertThat(line.feedback())
        .startsWith("<!DOCTYPE html>")
        .contains("<h1>m1 (Score: 3.0 / 4.0)</h1>")
        .contains("<h2>p1 (Score: 3.0 / 3.0)</h2>")
        .contains("<h2>p2 (Score: 0.0 / 1.0)</h2>", "Not submitted.")
        .contains("assert add(1, 1) == 2")
        .doesNotContain("add(2, 2)")
        .doesNotContain("HIDDEN TESTS");
    assertThat(temp.resolve("termination-log")).hasContent("3.0/4.0");
  }

  @Test
  void failedTestsScoreAsLocalGradingScoresThem() throws Exception {
    Path submission = preparedSubmission(job.answer("def add(a, b):\n    return 0"));
    job.executed(Map.of("visible", error("AssertionError"), "hidden", error("AssertionError")));

    Line line = score(submission);

    assertThat(line.test("visible").status()).isEqualTo(TestStatus.FAILED);
    assertThat(line.test("visible").message()).isEqualTo("AssertionError");
    assertThat(line.test("hidden").hidden()).isTrue();
    assertThat(line.result().score()).isZero();
  }

  @Test
  void savedOutputsOfTheSubmissionNeverCountWhenNoExecutedNotebookIsLeft() throws Exception {
    Notebook forged = job.answer("def add(a, b):\n    return 0");
    JobFixture.cell(forged, "visible")
        .outputs()
        .add(
            JSON.readTree(
                "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"passed\"}"));
    Path submission = preparedSubmission(forged);

    Line line = score(submission);

    assertThat(line.p1().failure()).isEqualTo("invalid_notebook");
    assertThat(line.p1().failureMessage()).isEqualTo("the grading run left no executed p1.ipynb");
    assertThat(line.result().score()).isZero();
  }

  @Test
  void anExecutedNotebookWithEditedTestsIsInvalid() throws Exception {
    Path submission = preparedSubmission(job.answer("def add(a, b):\n    return 0"));
    Notebook executed =
        dev.tito.notebook.ipynb.NotebookReader.read(job.work.resolve("prepared/p1.ipynb"));
    JobFixture.cell(executed, "visible").setSource("pass");
    JobFixture.cell(executed, "hidden").setSource("pass");
    job.writeExecuted(NotebookWriter.toBytes(executed));

    Line line = score(submission);

    assertThat(line.p1().failure()).isEqualTo("invalid_notebook");
    assertThat(line.p1().failureMessage()).contains("cells different from the ones it was given");
    assertThat(line.result().score()).isZero();
  }

  @Test
  void anExecutedNotebookWithDeletedCellsIsInvalid() throws Exception {
    Path submission = preparedSubmission(job.answer("def add(a, b):\n    return 0"));
    Notebook executed =
        dev.tito.notebook.ipynb.NotebookReader.read(job.work.resolve("prepared/p1.ipynb"));
    executed.setCells(executed.cells().subList(0, 2));
    job.writeExecuted(NotebookWriter.toBytes(executed));

    assertThat(score(submission).p1().failure()).isEqualTo("invalid_notebook");
  }

  @Test
  void malformedExecutedNotebooksAreInvalidNeverACrash() throws Exception {
    Path submission = preparedSubmission(job.answer("def add(a, b):\n    return a + b"));
    String valid = JobFixture.text(job.work.resolve("prepared/p1.ipynb"));
    List<String> hostile =
        List.of(
            valid + "{\"trailing\": true}",
            "[".repeat(200_000) + "]".repeat(200_000),
            "{\"nbformat\": 4, \"cells\": " + "1".repeat(5000) + "}",
            "{\"nbformat\": 3, \"cells\": []}",
            "null",
            "\u0000\u0000binary",
            "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": 12}]}",
            "");
    for (String bytes : hostile) {
      job.writeExecuted(bytes.getBytes(StandardCharsets.UTF_8));

      Line line = score(submission);

      assertThat(line.p1().failure())
          .as(bytes.substring(0, Math.min(40, bytes.length())))
          .isEqualTo("invalid_notebook");
      assertThat(line.result().score()).isZero();
    }
  }

  @Test
  void weirdButValidOutputsAreScoredWithoutACrash() throws Exception {
    Path submission = preparedSubmission(job.answer("def add(a, b):\n    return a + b"));
    job.executed(
        Map.of(
            "answer",
                "{\"output_type\": \"bogus\", \"data\": [1, 2], \"text\": {\"a\": \"NaN here\"}}",
            "visible",
                "{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": [\"0.\", \"5\"]}, "
                    + "\"metadata\": {}, \"execution_count\": 1}",
            "hidden", "{\"output_type\": \"stream\", \"name\": 7, \"text\": [\"a\", \"b\"]}"));
    Path executed = job.work.resolve("executed/p1.ipynb");
    job.writeExecuted(
        JobFixture.text(executed).replace("\"NaN here\"", "NaN").getBytes(StandardCharsets.UTF_8));

    Line line = score(submission);

    assertThat(line.p1().failure()).isEqualTo("ok");
    assertThat(line.test("visible").score()).isEqualTo(0.5);
    assertThat(line.test("hidden").score()).isEqualTo(2.0);
  }

  @Test
  void aLinkInPlaceOfTheExecutedNotebookIsNotFollowed() throws Exception {
    Path submission = preparedSubmission(job.answer("def add(a, b):\n    return a + b"));
    Files.createSymbolicLink(job.work.resolve("executed/p1.ipynb"), job.gradebook);

    Line line = score(submission);

    assertThat(line.p1().failure()).isEqualTo("invalid_notebook");
    assertThat(line.p1().failureMessage()).contains("something other than a file");
    assertThat(line.feedback()).doesNotContain("add(2, 2)");
  }

  @Test
  void anExecutedNotebookTooLargeToScoreIsInvalidWithoutBeingRead() throws Exception {
    Path submission = preparedSubmission(job.answer("def add(a, b):\n    return a + b"));
    job.writeExecuted(new byte[(int) ExecutedNotebooks.MAX_BYTES + 1]);

    Line line = score(submission);

    assertThat(line.p1().failureMessage())
        .isEqualTo(
            "the executed p1.ipynb is 16.8 MB, more than the 16 MB a "
                + "grading Job scores (too much output)");
  }

  @Test
  void hugeOutputsAreCutInTheFeedbackAndTheLineStaysSmall() throws Exception {
    Path submission = preparedSubmission(job.answer("def add(a, b):\n    return a + b"));
    String flood = "\\\"\\u0001".repeat(400_000);
    job.executed(
        Map.of(
            "answer",
            "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"" + flood + "\"}",
            "visible",
            "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \""
                + "line\\n".repeat(50_000)
                + "\"}"));

    Line line = score(submission);

    assertThat(line.result().score()).isEqualTo(3.0);
    assertThat(JSON.writeValueAsBytes(line.json().get("feedback")).length)
        .isLessThanOrEqualTo(512 * 1024);
    assertThat(line.feedback()).contains("Feedback cut: the page is").endsWith("</html>\n");
  }

  @Test
  void freeTextQuotingStudentSourcesIsShortenedInTheLine() throws Exception {
    Notebook edited = job.answer("def add(a, b):\n    return a + b");
    JobFixture.cell(edited, "visible").setSource("# " + "x".repeat(300_000));
    Path submission = preparedSubmission(edited);
    job.executed(Map.of());

    Line line = score(submission);

    assertThat(line.p1().notes())
        .anySatisfy(
            n -> assertThat(n).startsWith("Attribute 'source' for cell visible").hasSize(503));
    assertThat(line.result().score()).isEqualTo(3.0);
  }

  @Test
  void anUnreadableSubmissionIsInvalidAsLocalGradingDecides() throws Exception {
    Path submission = job.submit(null, "p1.ipynb", "print('not a notebook')");
    assertThat(job.prepare(submission).exitCode()).isZero();

    Line line = score(submission);

    assertThat(line.p1().failure()).isEqualTo("invalid_notebook");
    assertThat(line.p1().failureMessage()).contains("p1.ipynb").contains("not a notebook");
  }

  @Test
  void anUnwritableTerminationLogIsSkipped() throws Exception {
    Path submission = preparedSubmission(job.answer("def add(a, b):\n    return a + b"));
    job.executed(Map.of());

    TitoRun run =
        TitoRun.of(
            "job",
            "score",
            "--gradebook",
            job.gradebook.toString(),
            "--assignment",
            "m1",
            "--student",
            "ada",
            "--submission",
            submission.toString(),
            "--work",
            job.work.toString(),
            "--termination-log",
            temp.resolve("no/such/dir/log").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).hasLineCount(1);
  }

  @Test
  void aMissingSubmissionFolderIsOneLineAndExitTwo() {
    TitoRun run = job.score(temp.resolve("gone"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo("tito: " + temp.resolve("gone") + ": no such submission folder\n");
  }
}
