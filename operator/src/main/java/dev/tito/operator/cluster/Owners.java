package dev.tito.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/**
 * The owner reference that lets Kubernetes' garbage collector remove a Classroom's, an Assignment's or a Submission's
 * objects with it; it never blocks the owner's deletion, which would need update on the owner's finalizers.
 */
public final class Owners {
  private Owners() {}

  public static OwnerReference of(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(false)
        .build();
  }
}
