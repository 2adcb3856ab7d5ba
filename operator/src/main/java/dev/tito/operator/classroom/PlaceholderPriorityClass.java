package dev.tito.operator.classroom;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** The cluster-wide priority below every real pod that placeholder pods run at; shared by all classrooms. */
public final class PlaceholderPriorityClass {
  /** Its name when no chart names it (tests, the demo); the chart installs one per release. */
  public static final String NAME = "tito-capacity-placeholder";

  private PlaceholderPriorityClass() {}

  /** Creates the PriorityClass when missing; it is cluster-scoped, so no Classroom can own it. */
  public static void ensure(KubernetesClient client, String name) {
    if (client.scheduling().v1().priorityClasses().withName(name).get() == null) {
      try {
        client.resource(desired(name)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
  }

  private static PriorityClass desired(String name) {
    return new PriorityClassBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels(ClassroomLabels.MANAGED_BY, ClassroomLabels.OPERATOR)
        .endMetadata()
        .withValue(-10)
        .withGlobalDefault(false)
        .withPreemptionPolicy("Never")
        .withDescription("Placeholder pods holding room for tito student servers; evicted first.")
        .build();
  }
}
