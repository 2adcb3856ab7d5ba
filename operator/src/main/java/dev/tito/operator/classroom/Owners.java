package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** The owner reference that lets Kubernetes' garbage collector remove a Classroom's children with it. */
public final class Owners {
  private Owners() {}

  public static OwnerReference of(Classroom classroom) {
    return new OwnerReferenceBuilder()
        .withApiVersion(classroom.getApiVersion())
        .withKind(classroom.getKind())
        .withName(classroom.getMetadata().getName())
        .withUid(classroom.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(false)
        .build();
  }
}
