package dev.tito.demo;

import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.grading.GradingJob;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How long each step of a grading pod ran, from its container's start to its end, as the kubelet wrote it in the pod's status. */
final class GradingSteps {
  /** The grading Job's containers, in the order they run: two init containers, then the one container. */
  static final List<String> NAMES = List.of("prepare", "execute", "score");

  /** One step's container, from its start to its end. */
  record Run(Instant startedAt, Instant finishedAt) {
    Duration took() {
      return Duration.between(startedAt, finishedAt);
    }
  }

  private GradingSteps() {}

  /** The grading pods of the namespace (the operator's label on its Job's template). */
  static List<Pod> pods(KubernetesClient client, String namespace) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel(ClassroomLabels.COMPONENT, GradingJob.COMPONENT)
        .list()
        .getItems();
  }

  /**
   * Each step's run, by name, in order.
   *
   * @throws IllegalStateException when a step has not ended
   */
  static Map<String, Run> of(Pod pod) {
    List<ContainerStatus> statuses = new ArrayList<>(pod.getStatus().getInitContainerStatuses());
    statuses.addAll(pod.getStatus().getContainerStatuses());
    Map<String, Run> steps = new LinkedHashMap<>();
    for (String name : NAMES) {
      ContainerStateTerminated ended =
          statuses.stream()
              .filter(status -> name.equals(status.getName()))
              .findFirst()
              .map(status -> status.getState().getTerminated())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "pod "
                              + pod.getMetadata().getName()
                              + ": step "
                              + name
                              + " has not ended"));
      steps.put(
          name, new Run(Instant.parse(ended.getStartedAt()), Instant.parse(ended.getFinishedAt())));
    }
    return steps;
  }
}
