package dev.tito.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The pieces of a pod's status as the kubelet writes them: conditions and each container's state. */
final class PodStatuses {
  /** The node's address: the containers are this machine's processes. */
  static final String NODE_IP = "127.0.0.1";

  private PodStatuses() {}

  /**
   * A server pod the demo does not start (a student's Jupyter), reported as the kubelet reports one that runs and
   * passes its readiness probe: what the StatefulSet controller counts as ready.
   */
  static PodStatus runningAndReady(PodSpec spec, String podIp) {
    String now = Instant.now().toString();
    List<ContainerStatus> containers = new ArrayList<>();
    for (Container container : spec.getContainers()) {
      containers.add(
          base(container)
              .withStarted(true)
              .withReady(true)
              .withState(
                  new ContainerStateBuilder()
                      .withNewRunning()
                      .withStartedAt(now)
                      .endRunning()
                      .build())
              .build());
    }
    return new PodStatusBuilder()
        .withPhase("Running")
        .withHostIP(NODE_IP)
        .withPodIP(podIp)
        .withStartTime(now)
        .withConditions(
            condition("PodScheduled", true, null),
            condition("Initialized", true, null),
            condition("ContainersReady", true, null),
            condition("Ready", true, null))
        .withContainerStatuses(containers)
        .build();
  }

  static List<ContainerStatus> waiting(List<Container> containers, String reason) {
    List<ContainerStatus> statuses = new ArrayList<>();
    for (Container container : containers) {
      statuses.add(base(container).withState(waitingState(reason, null)).build());
    }
    return statuses;
  }

  static ContainerStatus running(Container container, LocalContainer local) {
    return base(container)
        .withContainerID("local://" + local.pid())
        .withStarted(true)
        .withReady(true)
        .withState(
            new ContainerStateBuilder()
                .withNewRunning()
                .withStartedAt(local.startedAt().toString())
                .endRunning()
                .build())
        .build();
  }

  static ContainerStatus terminated(Container container, LocalContainer.Ended ended) {
    String reason =
        ended.outOfMemory()
            ? "OOMKilled"
            : ended.exitCode() == 0
                ? "Completed"
                : ended.exitCode() == LocalContainer.START_ERROR ? "StartError" : "Error";
    return base(container)
        .withStarted(false)
        .withReady(false)
        .withState(
            new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(ended.exitCode())
                .withReason(reason)
                .withMessage(ended.message())
                .withStartedAt(ended.startedAt().toString())
                .withFinishedAt(ended.finishedAt().toString())
                .endTerminated()
                .build())
        .build();
  }

  static ContainerState waitingState(String reason, String message) {
    return new ContainerStateBuilder()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .build();
  }

  /** Puts the status in place of the one of the same container. */
  static void replace(List<ContainerStatus> statuses, ContainerStatus status) {
    statuses.replaceAll(
        existing -> existing.getName().equals(status.getName()) ? status : existing);
  }

  static PodCondition condition(String type, boolean status, String reason) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withLastTransitionTime(Instant.now().toString())
        .build();
  }

  /** Puts the condition in place of the one of its type. */
  static void setCondition(PodStatus status, PodCondition condition) {
    status.getConditions().removeIf(existing -> existing.getType().equals(condition.getType()));
    status.getConditions().add(condition);
  }

  private static ContainerStatusBuilder base(Container container) {
    return new ContainerStatusBuilder()
        .withName(container.getName())
        .withImage(container.getImage())
        .withImageID("")
        .withRestartCount(0)
        .withReady(false)
        .withStarted(false);
  }
}
