package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Events for what a person should see: a condition turning False or True, once per change, not per reconcile. */
public final class ClassroomEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ClassroomEvents.class);

  private final KubernetesClient client;

  public ClassroomEvents(KubernetesClient client) {
    this.client = client;
  }

  public void changes(Classroom classroom, ClassroomStatus before, ClassroomStatus after, Instant now) {
    for (Condition condition : after.conditions) {
      Condition old = find(before, condition.getType());
      boolean changed = old == null
          ? "False".equals(condition.getStatus())
          : !Objects.equals(old.getStatus(), condition.getStatus()) || !Objects.equals(old.getReason(), condition.getReason());
      if (changed && (condition.getType().equals(ClassroomStatusAggregator.READY) || "False".equals(condition.getStatus()))) {
        emit(classroom, "False".equals(condition.getStatus()) ? "Warning" : "Normal", condition.getReason(),
            condition.getMessage(), now);
      }
    }
  }

  private void emit(Classroom classroom, String type, String reason, String message, Instant now) {
    String namespace = classroom.getMetadata().getNamespace();
    try {
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata()
            .withGenerateName(classroom.getMetadata().getName() + ".")
            .withNamespace(namespace)
          .endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(classroom.getApiVersion())
              .withKind(classroom.getKind())
              .withName(classroom.getMetadata().getName())
              .withNamespace(namespace)
              .withUid(classroom.getMetadata().getUid())
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
      LOG.warn("could not record event {} on Classroom {}/{}: {}", reason, namespace, classroom.getMetadata().getName(),
          e.getMessage());
    }
  }

  private static Condition find(ClassroomStatus status, String type) {
    if (status == null || status.conditions == null) {
      return null;
    }
    return status.conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
  }
}
