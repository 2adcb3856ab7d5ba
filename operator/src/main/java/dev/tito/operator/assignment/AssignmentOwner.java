package dev.tito.operator.assignment;

import dev.tito.api.assignment.Assignment;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** The owner reference that lets Kubernetes' garbage collector remove an Assignment's objects with it. */
final class AssignmentOwner {
  private AssignmentOwner() {}

  static OwnerReference of(Assignment assignment) {
    return new OwnerReferenceBuilder()
        .withApiVersion(assignment.getApiVersion())
        .withKind(assignment.getKind())
        .withName(assignment.getMetadata().getName())
        .withUid(assignment.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(false)
        .build();
  }
}
