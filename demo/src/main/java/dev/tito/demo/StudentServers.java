package dev.tito.demo;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the StatefulSet controller and the kubelet report for the students' Jupyter servers, without running them:
 * a wanted server gets its pod {@code <set>-0}, Running and Ready, and the set's status counts it ready; a stopped
 * one (replicas 0) loses its pod. Jupyter itself is not started: the demo grades, it does not serve notebooks.
 */
final class StudentServers {
  private final KubernetesClient client;

  StudentServers(KubernetesClient client) {
    this.client = client;
  }

  void reconcile(StatefulSet set) {
    String namespace = set.getMetadata().getNamespace();
    String podName = set.getMetadata().getName() + "-0";
    int wanted = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
    Pod existing = client.pods().inNamespace(namespace).withName(podName).get();
    if (wanted > 0 && existing == null) {
      try {
        client.resource(runningPod(set, podName)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    } else if (wanted == 0 && existing != null) {
      client.resource(existing).delete();
    }
    StatefulSetStatus status =
        new StatefulSetStatusBuilder()
            .withObservedGeneration(set.getMetadata().getGeneration())
            .withReplicas(wanted)
            .withReadyReplicas(wanted)
            .withAvailableReplicas(wanted)
            .withCurrentReplicas(wanted)
            .withUpdatedReplicas(wanted)
            .build();
    if (!sameCounts(set.getStatus(), status)) {
      StatusWrites.edit(
          client,
          StatefulSet.class,
          namespace,
          set.getMetadata().getName(),
          latest -> latest.setStatus(status));
    }
  }

  private static boolean sameCounts(StatefulSetStatus current, StatefulSetStatus wanted) {
    return current != null
        && Objects.equals(current.getObservedGeneration(), wanted.getObservedGeneration())
        && Objects.equals(current.getReplicas(), wanted.getReplicas())
        && Objects.equals(current.getReadyReplicas(), wanted.getReadyReplicas())
        && Objects.equals(current.getAvailableReplicas(), wanted.getAvailableReplicas());
  }

  private static Pod runningPod(StatefulSet set, String podName) {
    var template = set.getSpec().getTemplate();
    Map<String, String> labels = new HashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put("statefulset.kubernetes.io/pod-name", podName);
    labels.put("apps.kubernetes.io/pod-index", "0");
    PodSpec spec =
        template.getSpec().toBuilder()
            .withNodeName(LocalKubelet.NODE_NAME)
            .withHostname(podName)
            .build();
    return new PodBuilder()
        .withNewMetadata()
        .withName(podName)
        .withNamespace(set.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(
            template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind("StatefulSet")
                .withName(set.getMetadata().getName())
                .withUid(set.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withSpec(spec)
        .withStatus(PodStatuses.runningAndReady(spec, PodStatuses.NODE_IP))
        .build();
  }
}
