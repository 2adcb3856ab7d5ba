package dev.tito.operator.classroom;

import dev.tito.api.classroom.Capacity;
import dev.tito.api.classroom.Classroom;
import dev.tito.operator.cluster.Owners;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;

/**
 * Low-priority pods holding room for student servers: the autoscaler adds nodes for them before class, and the
 * scheduler evicts them the moment a real server needs the room.
 */
public final class CapacityPlaceholders {
  public static final String COMPONENT = "capacity-placeholder";

  private CapacityPlaceholders() {}

  public static int replicas(Classroom classroom) {
    Capacity capacity = classroom.getSpec().capacity;
    return capacity == null || capacity.placeholders == null ? 0 : capacity.placeholders;
  }

  public static String name(Classroom classroom) {
    return classroom.getMetadata().getName() + "-placeholder";
  }

  /** The placeholder Deployment, its pods at {@code priorityClass} (negative, never preempting). */
  public static Deployment desired(Classroom classroom, String priorityClass) {
    Capacity capacity = classroom.getSpec().capacity;
    ResourceRequirements resources =
        capacity.placeholderResources != null
            ? capacity.placeholderResources
            : classroom.getSpec().environment.resources;
    Map<String, String> labels = ClassroomLabels.forClassroom(classroom, COMPONENT);
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name(classroom))
        .withNamespace(classroom.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(Owners.of(classroom))
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas(classroom))
        .withNewSelector()
        .withMatchLabels(
            Map.of(
                ClassroomLabels.CLASSROOM,
                classroom.getMetadata().getName(),
                ClassroomLabels.COMPONENT,
                COMPONENT))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withPriorityClassName(priorityClass)
        .withTerminationGracePeriodSeconds(0L)
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(RestrictedPod.pod())
        .addNewContainer()
        .withName("placeholder")
        .withImage(RestrictedPod.PAUSE_IMAGE)
        .withSecurityContext(RestrictedPod.container())
        .withResources(resources == null ? new ResourceRequirements() : resources)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
