package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.SubmissionsSummary;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.api.submission.SubmissionStatus;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Assignment's summary follows its Submissions as the grader writes their status (here, the test does). */
class SubmissionSummaryTest extends AssignmentOnMockServer {

  @BeforeAll
  static void start() throws IOException {
    startOperator(100);
  }

  @Test
  void theSummaryCountsPhasesAndAveragesEachStudentsLatestGradedScore() throws IOException {
    String ns = namespace();
    released(ns, "m1", "ada", "grace");
    SubmissionsSummary none = until(ns, "m1", "an empty summary", a -> a.getStatus().submissions != null).getStatus().submissions;
    assertThat(none.received).isZero();
    assertThat(none.mean).isNull();

    submit(ns, "ada-1", "m1", "ada", SubmissionPhase.Graded, 4.0, 1);
    submit(ns, "ada-2", "m1", "ada", SubmissionPhase.Graded, 8.0, 1);
    submit(ns, "grace-1", "m1", "grace", SubmissionPhase.Graded, 5.0, 1);
    submit(ns, "grace-2", "m1", "grace", SubmissionPhase.Grading, null, null);
    submit(ns, "linus-1", "m1", "linus", SubmissionPhase.Failed, null, null);
    submit(ns, "hedy-1", "m1", "hedy", null, null, null);
    submit(ns, "other-1", "another-assignment", "ada", SubmissionPhase.Graded, 1.0, 1);

    SubmissionsSummary summary = until(ns, "m1", "six submissions counted",
        a -> a.getStatus().submissions != null && a.getStatus().submissions.received == 6).getStatus().submissions;
    assertThat(summary.queued).as(client.getKubernetesSerialization().asJson(summary)).isEqualTo(1);
    assertThat(summary.grading).isEqualTo(1);
    assertThat(summary.graded).isEqualTo(3);
    assertThat(summary.failed).isEqualTo(1);
    assertThat(summary.mean).as("ada's latest graded 8, grace's latest graded 5").isEqualTo(6.5);
  }

  @Test
  void aRegradeRoundIsDoneOnceEveryStudentsLatestSubmissionWasGradedInIt() throws IOException {
    String ns = namespace();
    released(ns, "m1", "ada", "grace");
    submit(ns, "ada-1", "m1", "ada", SubmissionPhase.Graded, 4.0, 0);
    submit(ns, "grace-1", "m1", "grace", SubmissionPhase.Graded, 5.0, 0);
    assertThat(until(ns, "m1", "two graded", a -> a.getStatus().submissions != null && a.getStatus().submissions.graded == 2)
        .getStatus().regradedRound).as("no regrade asked").isNull();

    retryOnConflict(() -> client.resources(Assignment.class).inNamespace(ns).withName("m1").edit(a -> {
      a.getSpec().regrade = 1;
      return a;
    }));
    grade(ns, "ada-1", 6.0, 1);
    Assignment half = until(ns, "m1", "ada regraded", a -> a.getStatus().submissions.mean == 5.5);
    assertThat(half.getStatus().regradedRound).as("grace is not regraded yet").isNull();

    grade(ns, "grace-1", 7.0, 1);
    Assignment done = until(ns, "m1", "round 1 done", a -> Integer.valueOf(1).equals(a.getStatus().regradedRound));
    assertThat(done.getStatus().submissions.mean).isEqualTo(6.5);
  }

  /** A submission as the grader left it; one second of creation-time resolution is ordered by name (ada-1, ada-2). */
  private static void submit(String ns, String name, String assignment, String student, SubmissionPhase phase, Double score,
      Integer round) {
    Submission submission = new Submission();
    submission.getMetadata().setName(name);
    submission.getMetadata().setNamespace(ns);
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = assignment;
    submission.getSpec().student = student;
    submission.getSpec().notebookConfigMap = name + "-files";
    Submission created = client.resource(submission).create();
    if (phase != null) {
      created.setStatus(new SubmissionStatus());
      created.getStatus().phase = phase;
      created.getStatus().score = score;
      created.getStatus().gradedRound = round;
      client.resource(created).updateStatus();
    }
  }

  private static void grade(String ns, String name, double score, int round) {
    retryOnConflict(() -> {
      Submission latest = client.resources(Submission.class).inNamespace(ns).withName(name).get();
      latest.getStatus().phase = SubmissionPhase.Graded;
      latest.getStatus().score = score;
      latest.getStatus().gradedRound = round;
      client.resource(latest).updateStatus();
    });
  }
}
