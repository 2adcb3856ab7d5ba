package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import dev.tito.operator.cluster.Owners;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.Map;

/**
 * Grading pods run student code: they accept no connection and open none (Ingress and Egress, no rule). Made with the
 * class, before its first grading Job.
 */
public final class GradingNetworkPolicy {
  private GradingNetworkPolicy() {}

  public static String name(Classroom classroom) {
    return classroom.getMetadata().getName() + "-grading";
  }

  public static NetworkPolicy desired(Classroom classroom) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(name(classroom))
        .withNamespace(classroom.getMetadata().getNamespace())
        .withLabels(
            ClassroomLabels.forClassroom(
                classroom, ClassroomLabels.GRADING_COMPONENT + "-network-policy"))
        .withOwnerReferences(Owners.of(classroom))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(
            Map.of(
                ClassroomLabels.CLASSROOM,
                classroom.getMetadata().getName(),
                ClassroomLabels.COMPONENT,
                ClassroomLabels.GRADING_COMPONENT))
        .endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .endSpec()
        .build();
  }
}
