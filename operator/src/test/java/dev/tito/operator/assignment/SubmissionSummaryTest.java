package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.SubmissionsSummary;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.operator.classroom.Eventually;
import dev.tito.operator.classroom.OperatorOnMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Assignment's summary follows its Submissions: graded ones written here as the grader leaves them, the others
 * taken by the real grading reconciler (a Job for handed-in files, a refusal for a student not on the roster).
 */
class SubmissionSummaryTest extends AssignmentOnMockServer {

  @BeforeAll
  static void start() throws IOException {
    startOperator(100);
  }

  @Test
  void theSummaryCountsPhasesAndAveragesEachStudentsLatestGradedScore() throws IOException {
    String ns = namespace();
    released(ns, "m1", "ada", "grace");
    SubmissionsSummary none =
        until(ns, "m1", "an empty summary", a -> a.getStatus().submissions != null)
            .getStatus()
            .submissions;
    assertThat(none.received).isZero();
    assertThat(none.mean).isNull();

    submit(ns, "ada-1", "m1", "ada", SubmissionPhase.Graded, 4.0, 1);
    submit(ns, "ada-2", "m1", "ada", SubmissionPhase.Graded, 8.0, 1);
    submit(ns, "grace-1", "m1", "grace", SubmissionPhase.Graded, 5.0, 1);
    client
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName("grace-2-files")
                .withNamespace(ns)
                .endMetadata()
                .addToData("notes.txt", "my answers")
                .build())
        .create();
    submit(ns, "grace-2", "m1", "grace", null, null, null);
    submit(ns, "linus-1", "m1", "linus", null, null, null);
    submit(ns, "hedy-1", "m1", "hedy", null, null, null);
    submit(ns, "other-1", "another-assignment", "ada", null, null, null);

    // grace-2 gets a grading Job; linus and hedy are not on the roster, so the grader refuses them
    SubmissionsSummary summary =
        until(
                ns,
                "m1",
                "six submissions counted",
                a ->
                    a.getStatus().submissions != null
                        && a.getStatus().submissions.received == 6
                        && a.getStatus().submissions.failed == 2
                        && a.getStatus().submissions.grading == 1)
            .getStatus()
            .submissions;
    assertThat(summary.queued).as(client.getKubernetesSerialization().asJson(summary)).isZero();
    assertThat(summary.graded).isEqualTo(3);
    assertThat(summary.mean).as("ada's latest graded 8, grace's latest graded 5").isEqualTo(6.5);
  }

  @Test
  void aRegradeRoundIsDoneOnceEveryStudentsLatestSubmissionWasGradedInIt() throws IOException {
    String ns = namespace();
    released(ns, "m1", "ada", "grace");
    submit(ns, "ada-1", "m1", "ada", SubmissionPhase.Graded, 4.0, 0);
    submit(ns, "grace-1", "m1", "grace", SubmissionPhase.Graded, 5.0, 0);
    assertThat(
            until(
                    ns,
                    "m1",
                    "two graded",
                    a -> a.getStatus().submissions != null && a.getStatus().submissions.graded == 2)
                .getStatus()
                .regradedRound)
        .as("no regrade asked")
        .isNull();

    retryOnConflict(
        () ->
            client
                .resources(Assignment.class)
                .inNamespace(ns)
                .withName("m1")
                .edit(
                    a -> {
                      a.getSpec().regrade = 1;
                      return a;
                    }));
    // the grader takes both again in round 1; their files are gone, so it refuses them, and the
    // round is done
    Assignment done =
        until(
            ns, "m1", "round 1 done", a -> Integer.valueOf(1).equals(a.getStatus().regradedRound));
    assertThat(done.getStatus().submissions.failed).isEqualTo(2);
    assertThat(done.getStatus().submissions.graded).isZero();
    assertThat(done.getStatus().submissions.mean).as("no graded submission left").isNull();
  }

  @Test
  void submissionsArrivingOneAfterAnotherNeitherReadTheSourceNorWriteTheSummaryEachTime()
      throws Exception {
    String ns = namespace();
    released(ns, "m1", "ada", "grace");
    until(ns, "m1", "an empty summary", a -> a.getStatus().submissions != null);
    OperatorOnMockServer.drainRequests(server);
    long start = System.nanoTime();
    for (int i = 1; i <= 12; i++) {
      submit(ns, "ada-" + i, "m1", "ada", null, null, null);
      Thread.sleep(150);
    }
    until(ns, "m1", "twelve received", a -> a.getStatus().submissions.received == 12);
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    List<RecordedRequest> requests = OperatorOnMockServer.drainRequests(server);

    assertThat(requests)
        .filteredOn(r -> r.getPath().startsWith("/api/v1/namespaces/" + ns + "/secrets/src"))
        .as("the instructor's source, read at the release")
        .isEmpty();
    assertThat(
            requests.stream()
                .filter(r -> !r.getMethod().equals("GET"))
                .filter(r -> r.getPath().contains("/assignments/m1/status")))
        .as("the summary written at most once a second over %d s", seconds)
        .hasSizeLessThanOrEqualTo((int) seconds + 2);
  }

  /** A submission as the grader left it; one second of creation-time resolution is ordered by name (ada-1, ada-2). */
  private static void submit(
      String ns,
      String name,
      String assignment,
      String student,
      SubmissionPhase phase,
      Double score,
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
      // the grader decides first (no files were handed in: it refuses); a decided submission is
      // left alone
      Eventually.until(
          name + " decided by the grader",
          Duration.ofSeconds(30),
          () -> client.resource(created).get(),
          s -> s.getStatus() != null && s.getStatus().phase == SubmissionPhase.Failed,
          () -> null);
      retryOnConflict(
          () -> {
            Submission latest = client.resource(created).get();
            latest.getStatus().phase = phase;
            latest.getStatus().failureClass = null;
            latest.getStatus().score = score;
            latest.getStatus().gradedRound = round;
            client.resource(latest).updateStatus();
          });
    }
  }
}
