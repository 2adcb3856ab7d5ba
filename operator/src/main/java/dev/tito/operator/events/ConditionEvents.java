package dev.tito.operator.events;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events for what a person should see: one per condition change a resource's rule finds worth telling
 * (Warning when the condition is False), never one per reconcile.
 */
public final class ConditionEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ConditionEvents.class);

  private final KubernetesClient client;
  private final BiPredicate<Condition, Condition> worthAnEvent;

  /** {@code worthAnEvent} gets the previous condition of the same type (null if new) and the current one. */
  public ConditionEvents(KubernetesClient client, BiPredicate<Condition, Condition> worthAnEvent) {
    this.client = client;
    this.worthAnEvent = worthAnEvent;
  }

  public static boolean isFalse(Condition condition) {
    return "False".equals(condition.getStatus());
  }

  public static boolean statusOrReasonChanged(Condition old, Condition now) {
    return !Objects.equals(old.getStatus(), now.getStatus())
        || !Objects.equals(old.getReason(), now.getReason());
  }

  public void changes(
      HasMetadata resource, List<Condition> before, List<Condition> after, Instant now) {
    for (Condition condition : after) {
      Condition old =
          before == null
              ? null
              : before.stream()
                  .filter(c -> c.getType().equals(condition.getType()))
                  .findFirst()
                  .orElse(null);
      if (worthAnEvent.test(old, condition)) {
        emit(
            resource,
            isFalse(condition) ? "Warning" : "Normal",
            condition.getReason(),
            condition.getMessage(),
            now);
      }
    }
  }

  private void emit(HasMetadata resource, String type, String reason, String message, Instant now) {
    String namespace = resource.getMetadata().getNamespace();
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withGenerateName(resource.getMetadata().getName() + ".")
                  .withNamespace(namespace)
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(resource.getApiVersion())
                          .withKind(resource.getKind())
                          .withName(resource.getMetadata().getName())
                          .withNamespace(namespace)
                          .withUid(resource.getMetadata().getUid())
                          .build())
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withFirstTimestamp(now.toString())
                  .withLastTimestamp(now.toString())
                  .withCount(1)
                  .withNewSource()
                  .withComponent("tito-operator")
                  .endSource()
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      // an Event is best effort: the condition already carries the same information
      LOG.warn(
          "could not record event {} on {} {}/{}: {}",
          reason,
          resource.getKind(),
          namespace,
          resource.getMetadata().getName(),
          e.getMessage());
    }
  }
}
