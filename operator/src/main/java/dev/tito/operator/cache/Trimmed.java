package dev.tito.operator.cache;

import dev.tito.operator.cluster.FieldOwnership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import java.lang.reflect.InvocationTargetException;

/**
 * The part of a child object the operator reads back from its cache: the metadata that digests, drift, owners and
 * deletions use, and per kind the few fields a reconcile reads (a server's replicas and status, a Service's cluster
 * IP, a token Secret's data, a server pod's node and phase). Everything else is compared by the desired digest.
 */
public final class Trimmed {
  private Trimmed() {}

  public static <R extends HasMetadata> R of(R full) {
    R trimmed = empty(full);
    trimmed.setApiVersion(full.getApiVersion());
    trimmed.setMetadata(metadata(full.getMetadata()));
    if (full instanceof StatefulSet server && trimmed instanceof StatefulSet copy) {
      copy.setSpec(new StatefulSetSpec());
      copy.getSpec().setReplicas(server.getSpec() == null ? null : server.getSpec().getReplicas());
      copy.setStatus(server.getStatus());
    } else if (full instanceof Service service && trimmed instanceof Service copy) {
      copy.setSpec(new ServiceSpec());
      copy.getSpec()
          .setClusterIP(service.getSpec() == null ? null : service.getSpec().getClusterIP());
    } else if (full instanceof Secret secret && trimmed instanceof Secret copy) {
      copy.setType(secret.getType());
      copy.setData(secret.getData());
      copy.setStringData(secret.getStringData());
    } else if (full instanceof Pod pod && trimmed instanceof Pod copy) {
      copy.setSpec(new PodSpec());
      copy.getSpec().setNodeName(pod.getSpec() == null ? null : pod.getSpec().getNodeName());
      copy.setStatus(new PodStatus());
      copy.getStatus().setPhase(pod.getStatus() == null ? null : pod.getStatus().getPhase());
    }
    return trimmed;
  }

  private static ObjectMeta metadata(ObjectMeta full) {
    return new ObjectMetaBuilder()
        .withName(full.getName())
        .withNamespace(full.getNamespace())
        .withUid(full.getUid())
        .withResourceVersion(full.getResourceVersion())
        .withGeneration(full.getGeneration())
        .withCreationTimestamp(full.getCreationTimestamp())
        .withDeletionTimestamp(full.getDeletionTimestamp())
        .withLabels(full.getLabels())
        .withAnnotations(full.getAnnotations())
        .withOwnerReferences(full.getOwnerReferences())
        .withFinalizers(full.getFinalizers())
        .withManagedFields(FieldOwnership.entriesDriftReads(full.getManagedFields()))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static <R extends HasMetadata> R empty(R full) {
    try {
      return (R) full.getClass().getDeclaredConstructor().newInstance();
    } catch (InstantiationException
        | IllegalAccessException
        | InvocationTargetException
        | NoSuchMethodException e) {
      throw new IllegalStateException(
          "every Kubernetes model class has a public no-argument constructor", e);
    }
  }
}
