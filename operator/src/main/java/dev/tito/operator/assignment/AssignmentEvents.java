package dev.tito.operator.assignment;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An Event when an Assignment's condition changes (Warning when it turns False), once per change. */
final class AssignmentEvents {
  private static final Logger LOG = LoggerFactory.getLogger(AssignmentEvents.class);

  private final KubernetesClient client;

  AssignmentEvents(KubernetesClient client) {
    this.client = client;
  }

  void changes(Assignment assignment, AssignmentStatus before, AssignmentStatus after, Instant now) {
    for (Condition condition : after.conditions) {
      Condition old = before == null || before.conditions == null ? null
          : before.conditions.stream().filter(c -> c.getType().equals(condition.getType())).findFirst().orElse(null);
      boolean changed = old == null || !Objects.equals(old.getStatus(), condition.getStatus())
          || !Objects.equals(old.getReason(), condition.getReason());
      if (changed) {
        emit(assignment, "False".equals(condition.getStatus()) ? "Warning" : "Normal", condition.getReason(),
            condition.getMessage(), now);
      }
    }
  }

  private void emit(Assignment assignment, String type, String reason, String message, Instant now) {
    String namespace = assignment.getMetadata().getNamespace();
    try {
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata()
            .withGenerateName(assignment.getMetadata().getName() + ".")
            .withNamespace(namespace)
          .endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(assignment.getApiVersion())
              .withKind(assignment.getKind())
              .withName(assignment.getMetadata().getName())
              .withNamespace(namespace)
              .withUid(assignment.getMetadata().getUid())
              .build())
          .withType(type)
          .withReason(reason)
          .withMessage(message)
          .withFirstTimestamp(now.toString())
          .withLastTimestamp(now.toString())
          .withCount(1)
          .withNewSource().withComponent("tito-operator").endSource()
          .build()).create();
    } catch (KubernetesClientException e) {
      // an Event is best effort: the condition already carries the same information
      LOG.warn("could not record event {} on Assignment {}/{}: {}", reason, namespace,
          assignment.getMetadata().getName(), e.getMessage());
    }
  }
}
