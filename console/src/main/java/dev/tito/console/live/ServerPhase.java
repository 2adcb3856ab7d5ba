package dev.tito.console.live;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Map;
import java.util.Set;

/**
 * A student's server as the live view counts it, read from its StatefulSet (the operator keeps the student's state in
 * its annotations: docs/architecture.md) and its pod.
 *
 * @param detail what Kubernetes says of a failure or a stop, or ""
 * @param pendingRestart runs a pod template older than the class's current one
 */
public record ServerPhase(Phase phase, String detail, boolean pendingRestart) {
  /** Where a server is. */
  public enum Phase {
    READY,
    STARTING,
    STOPPED,
    FAILED
  }

  static final String START = "tito.dev/start";
  static final String TEMPLATE_HASH = "tito.dev/template-hash";
  static final String STARTED_TEMPLATE = "tito.dev/started-template";
  static final String STOP_REASON = "tito.dev/stop-reason";

  /** Waiting reasons of a container that will not start by waiting longer. */
  private static final Set<String> BROKEN =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "InvalidImageName",
          "CreateContainerConfigError",
          "CreateContainerError",
          "CrashLoopBackOff",
          "RunContainerError");

  /** @param pod the server's pod, or null when there is none */
  public static ServerPhase of(StatefulSet server, Pod pod) {
    Map<String, String> annotations =
        server.getMetadata().getAnnotations() == null
            ? Map.of()
            : server.getMetadata().getAnnotations();
    Integer replicas = server.getSpec() == null ? null : server.getSpec().getReplicas();
    if (replicas == null || replicas == 0) {
      return annotations.containsKey(START)
          ? new ServerPhase(Phase.STARTING, "start requested", false)
          : new ServerPhase(Phase.STOPPED, annotations.getOrDefault(STOP_REASON, ""), false);
    }
    String started = annotations.get(STARTED_TEMPLATE);
    boolean pendingRestart = started != null && !started.equals(annotations.get(TEMPLATE_HASH));
    String broken = pod == null ? null : broken(pod);
    if (broken != null) {
      return new ServerPhase(Phase.FAILED, broken, pendingRestart);
    }
    Integer ready = server.getStatus() == null ? null : server.getStatus().getReadyReplicas();
    return new ServerPhase(
        ready != null && ready > 0 ? Phase.READY : Phase.STARTING, "", pendingRestart);
  }

  private static String broken(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return null;
    }
    for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
      var state = status.getState();
      if (state != null
          && state.getWaiting() != null
          && BROKEN.contains(state.getWaiting().getReason())) {
        return state.getWaiting().getReason()
            + (state.getWaiting().getMessage() == null
                ? ""
                : ": " + state.getWaiting().getMessage());
      }
      if (state != null && state.getTerminated() != null) {
        return "exited with code "
            + state.getTerminated().getExitCode()
            + " ("
            + state.getTerminated().getReason()
            + ")";
      }
    }
    return null;
  }
}
