package dev.tito.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.SubmissionWait;
import dev.tito.api.testing.GradedSubmissions;
import dev.tito.operator.events.ConditionEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one status writer, against an API server whose CRD is older than the operator and drops the new fields. */
class StatusRecorderTest {
  private static final String STATUS_PATH =
      "/apis/tito.dev/v1alpha1/namespaces/ml/submissions/ada-1/status";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private KubernetesMockServer server;
  private KubernetesClient client;
  private StatusRecorder<Submission, SubmissionStatus> recorder;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
    client = server.createClient();
    recorder =
        new StatusRecorder<>(
            client, new ConditionEvents(client, (old, now) -> false), s -> s.conditions);
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void aStatusTheApiServerKeepsOnlyInPartIsNotSentAgainUntilItChanges() throws Exception {
    Submission submission = submission(queued(null));
    Submission kept = submission(queued(null));
    kept.getMetadata().setResourceVersion("2");
    server.expect().put().withPath(STATUS_PATH).andReturn(200, kept).always();
    SubmissionStatus next = queued(SubmissionWait.QueuePlace);

    assertThat(recorder.record(submission, next, null, Instant.now()))
        .isEqualTo(StatusRecorder.Outcome.WRITTEN);
    assertThat(recorder.record(kept, queued(SubmissionWait.QueuePlace), null, Instant.now()))
        .as("the same status again, on the copy the server kept")
        .isEqualTo(StatusRecorder.Outcome.UNCHANGED);
    assertThat(server.getRequestCount()).isEqualTo(1);

    SubmissionStatus moved = queued(SubmissionWait.QueuePlace);
    moved.queuePosition = 2;
    assertThat(recorder.record(kept, moved, null, Instant.now()))
        .as("a status that changed is written")
        .isEqualTo(StatusRecorder.Outcome.WRITTEN);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aStatusKeptWholeIsWrittenOnlyWhenItDiffers() {
    Submission submission = submission(queued(null));
    Submission kept = submission(queued(SubmissionWait.QueuePlace));
    server.expect().put().withPath(STATUS_PATH).andReturn(200, kept).always();

    assertThat(recorder.record(submission, queued(SubmissionWait.QueuePlace), null, Instant.now()))
        .isEqualTo(StatusRecorder.Outcome.WRITTEN);
    assertThat(recorder.record(kept, queued(SubmissionWait.QueuePlace), null, Instant.now()))
        .isEqualTo(StatusRecorder.Outcome.UNCHANGED);
    assertThat(recorder.record(kept, queued(SubmissionWait.Release), null, Instant.now()))
        .isEqualTo(StatusRecorder.Outcome.WRITTEN);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  private static Submission submission(SubmissionStatus status) {
    Submission submission = GradedSubmissions.adasSubmission("ml", "m1", "ada-1");
    submission.getMetadata().setUid("uid-1");
    submission.getMetadata().setResourceVersion("1");
    submission.setStatus(SERIALIZATION.clone(status));
    return submission;
  }

  private static SubmissionStatus queued(SubmissionWait waitingFor) {
    SubmissionStatus status = new SubmissionStatus();
    status.phase = SubmissionPhase.Queued;
    status.queuePosition = 1;
    status.waitingFor = waitingFor;
    return status;
  }
}
