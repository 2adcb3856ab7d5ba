package dev.tito.operator.grading;

import dev.tito.api.submission.Submission;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/** The student's feedback page, {@code <submission>-feedback} key feedback.html, deleted with the Submission. */
final class FeedbackConfigMap {
  static final String KEY = "feedback.html";

  private FeedbackConfigMap() {}

  static ConfigMap desired(Submission submission, String name, String html) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(submission.getMetadata().getNamespace())
        .withLabels(Map.of(GradingJob.SUBMISSION, submission.getMetadata().getName()))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(submission.getApiVersion())
                .withKind(submission.getKind())
                .withName(submission.getMetadata().getName())
                .withUid(submission.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(false)
                .build())
        .endMetadata()
        .withData(Map.of(KEY, html))
        .build();
  }

  /** Creates it, or (a regrade) replaces its page. */
  static void write(KubernetesClient client, ConfigMap desired) {
    try {
      client.resource(desired).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      client
          .configMaps()
          .inNamespace(desired.getMetadata().getNamespace())
          .withName(desired.getMetadata().getName())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              client
                  .getKubernetesSerialization()
                  .asJson(Map.of("data", Map.of(KEY, desired.getData().get(KEY)))));
    }
  }
}
