package dev.tito.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.SubmissionWait;
import dev.tito.api.testing.GradedSubmissions;
import dev.tito.controlplane.ControlPlane;
import dev.tito.controlplane.EstablishedCrds;
import dev.tito.controlplane.RealApiServer;
import dev.tito.operator.events.ConditionEvents;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator upgraded before its CRD (Helm does not upgrade CRDs): the API server drops the status fields the older
 * CRD does not know, and the operator does not write the same status again and again.
 */
class OlderCrdOnRealApiServerTest {
  // a control plane of its own: the older CRD must not reach other test classes
  @RegisterExtension
  static final RealApiServer api = new RealApiServer(ControlPlane.Options.defaults());

  @BeforeAll
  static void installAnOlderCrd() throws IOException {
    CustomResourceDefinition crd;
    try (InputStream yaml = Files.newInputStream(Path.of("../crds/submissions.tito.dev-v1.yml"))) {
      crd =
          api.admin().getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
    }
    JSONSchemaProps status =
        crd.getSpec()
            .getVersions()
            .get(0)
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("status");
    status.getProperties().remove("waitingFor");
    status.getProperties().remove("notBefore");
    EstablishedCrds.apply(api.admin(), List.of(crd), "tito-test", Duration.ofSeconds(30));
  }

  @Test
  void aStatusTheOlderCrdPrunesIsWrittenOnceNotAtEveryReconcile() {
    StatusRecorder<Submission, SubmissionStatus> recorder =
        new StatusRecorder<>(
            api.admin(), new ConditionEvents(api.admin(), (old, now) -> false), s -> s.conditions);
    Submission submission =
        api.admin()
            .resource(GradedSubmissions.adasSubmission(api.namespace(), "m1", "ada-1"))
            .create();

    assertThat(recorder.record(submission, queued(), null, Instant.now()))
        .isEqualTo(StatusRecorder.Outcome.WRITTEN);
    Submission kept = api.admin().resource(submission).get();
    assertThat(kept.getStatus().phase).isEqualTo(SubmissionPhase.Queued);
    assertThat(kept.getStatus().waitingFor).as("pruned by the older CRD").isNull();
    assertThat(recorder.record(kept, queued(), null, Instant.now()))
        .as("the next reconcile's same decision")
        .isEqualTo(StatusRecorder.Outcome.UNCHANGED);
    assertThat(api.admin().resource(submission).get().getMetadata().getResourceVersion())
        .isEqualTo(kept.getMetadata().getResourceVersion());
  }

  private static SubmissionStatus queued() {
    SubmissionStatus status = new SubmissionStatus();
    status.phase = SubmissionPhase.Queued;
    status.queuePosition = 3;
    status.waitingFor = SubmissionWait.QueuePlace;
    return status;
  }
}
