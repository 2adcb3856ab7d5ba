package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.LatePolicy;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.operator.grading.Courses.Course;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What is refused before any Job, and the operator's own late penalty. */
class SubmissionRefusalTest extends GradingOnMockServer {

  @Test
  void aNotebookThatIsNotNbformat4IsRefusedNamingTheFile() throws IOException {
    Course course = course(g -> {}, a -> {}, "ada", "bob");
    submit(course, "ada-1", "ada", Map.of(course.notebook(), "{\"cells\": [", "notes.txt", "fine"));
    submit(course, "bob-1", "bob", Map.of(course.notebook(), "{\"nbformat\": 3, \"cells\": []}"));

    for (String name : new String[] {"ada-1", "bob-1"}) {
      Submission refused =
          until(course, name, "refused", s -> s.getStatus().phase == SubmissionPhase.Failed);
      assertThat(refused.getStatus().failureClass).isEqualTo("InvalidNotebook");
      assertThat(refused.getStatus().message).contains(name + "-files", course.notebook());
      assertThat(jobsOf(course, name)).isEmpty();
    }
    assertThat(current(course, "bob-1").getStatus().message).contains("nbformat 3");
  }

  @Test
  void filesAboveTheClassLimitAreRefusedAsTooLarge() throws IOException {
    Course course = course(g -> g.maxSubmissionSize = "1Ki", a -> {}, "ada");
    submit(course, "ada-1", "ada", Map.of("data.csv", "x".repeat(1025)));

    Submission refused =
        until(course, "ada-1", "refused", s -> s.getStatus().phase == SubmissionPhase.Failed);
    assertThat(refused.getStatus().failureClass).isEqualTo("TooLarge");
    assertThat(refused.getStatus().message)
        .contains("1025 bytes", "1Ki", "spec.grading.maxSubmissionSize");
    assertThat(jobsOf(course, "ada-1")).isEmpty();
  }

  @Test
  void aStudentNotOnTheRosterIsRefused() throws IOException {
    Course course = course(g -> {}, a -> {}, "ada");
    submitRelease(course, "eve-1", "eve");

    Submission refused =
        until(course, "eve-1", "refused", s -> s.getStatus().phase == SubmissionPhase.Failed);
    assertThat(refused.getStatus().failureClass).isEqualTo("InvalidSubmission");
    assertThat(refused.getStatus().message).contains("'eve'", "roster");
    assertThat(jobsOf(course, "eve-1")).isEmpty();
  }

  @Test
  void workLabelledForAnotherClassIsRefused() throws IOException {
    Course course = course(g -> {}, a -> {}, "ada");
    submit(
        course, "ada-1", "ada", course.releasedNotebooks(), Map.of("tito.dev/classroom", "other"));

    Submission refused =
        until(course, "ada-1", "refused", s -> s.getStatus().phase == SubmissionPhase.Failed);
    assertThat(refused.getStatus().failureClass).isEqualTo("InvalidSubmission");
    assertThat(refused.getStatus().message)
        .contains("tito.dev/classroom=other", "Classroom course");
    assertThat(jobsOf(course, "ada-1")).isEmpty();
  }

  @Test
  void lateWorkIsRefusedWithoutALatePolicyOrPastItsCutoff() throws IOException {
    Course noPolicy =
        course(g -> {}, a -> a.dueAt = Instant.now().minusSeconds(7200).toString(), "ada");
    submitRelease(noPolicy, "ada-1", "ada");
    Course cutoff =
        course(
            g -> {},
            a -> {
              a.dueAt = Instant.now().minusSeconds(7200).toString();
              a.latePolicy = new LatePolicy();
              a.latePolicy.cutoff = "1h";
            },
            "ada");
    submitRelease(cutoff, "ada-1", "ada");

    Submission refused =
        until(noPolicy, "ada-1", "refused", s -> s.getStatus().phase == SubmissionPhase.Failed);
    assertThat(refused.getStatus().failureClass).isEqualTo("Late");
    assertThat(refused.getStatus().message).contains("accepts no late work");
    Submission pastCutoff =
        until(cutoff, "ada-1", "refused", s -> s.getStatus().phase == SubmissionPhase.Failed);
    assertThat(pastCutoff.getStatus().failureClass).isEqualTo("Late");
    assertThat(pastCutoff.getStatus().message).contains("cutoff of 1h");
    assertThat(jobsOf(noPolicy, "ada-1")).isEmpty();
    assertThat(jobsOf(cutoff, "ada-1")).isEmpty();
  }

  @Test
  void lateWorkWithinThePolicyIsGradedWithTheOperatorsPenaltyNotTheJobs() throws IOException {
    Course course =
        course(
            g -> {},
            a -> {
              a.dueAt = Instant.now().minusSeconds(3 * 3600 + 60).toString();
              a.latePolicy = new LatePolicy();
              a.latePolicy.grace = "1h";
              a.latePolicy.period = "1h";
              a.latePolicy.penaltyPerPeriod = 0.5;
            },
            "ada");
    kubelet.in(course.namespace(), job -> new SimulatedKubelet.Succeeds(fullMarks(course, "ada")));
    submitRelease(course, "ada-1", "ada");

    Submission graded =
        until(course, "ada-1", "graded", s -> s.getStatus().phase == SubmissionPhase.Graded);
    // 3h01m late: four started hours at 0.5 points each
    assertThat(graded.getStatus().latePenalty).isEqualTo(2.0);
    assertThat(graded.getStatus().score).isEqualTo(maxPoints(course) - 2.0);
    assertThat(graded.getStatus().message).contains("late penalty of 2");
  }
}
