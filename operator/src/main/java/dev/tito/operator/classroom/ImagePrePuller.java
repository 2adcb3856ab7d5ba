package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import dev.tito.operator.cluster.Owners;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.Map;

/** Pulls the classroom image onto every node (including new autoscaled ones) so servers start in seconds. */
public final class ImagePrePuller {
  public static final String COMPONENT = "image-prepull";

  private ImagePrePuller() {}

  public static boolean enabled(Classroom classroom) {
    return classroom.getSpec().capacity == null
        || !Boolean.FALSE.equals(classroom.getSpec().capacity.prePull);
  }

  public static String name(Classroom classroom) {
    return classroom.getMetadata().getName() + "-prepull";
  }

  public static DaemonSet desired(Classroom classroom) {
    Map<String, String> labels = ClassroomLabels.forClassroom(classroom, COMPONENT);
    Map<String, Quantity> tiny = Map.of("cpu", new Quantity("1m"), "memory", new Quantity("8Mi"));
    return new DaemonSetBuilder()
        .withNewMetadata()
        .withName(name(classroom))
        .withNamespace(classroom.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(Owners.of(classroom))
        .endMetadata()
        .withNewSpec()
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
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(RestrictedPod.pod())
        // pulling is the point: the init container exits at once, the pause container keeps the
        // image in use
        .addNewInitContainer()
        .withName("pull")
        .withImage(classroom.getSpec().environment.image)
        .withCommand("sh", "-c", "exit 0")
        .withSecurityContext(RestrictedPod.container())
        .withNewResources()
        .withRequests(tiny)
        .withLimits(tiny)
        .endResources()
        .endInitContainer()
        .addNewContainer()
        .withName("pause")
        .withImage(RestrictedPod.PAUSE_IMAGE)
        .withSecurityContext(RestrictedPod.container())
        .withNewResources()
        .withRequests(tiny)
        .withLimits(tiny)
        .endResources()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
