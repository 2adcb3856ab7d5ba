package dev.tito.gateway.classes;

import dev.tito.operator.classroom.ServerState;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How far a student's server is from ready, in words a student understands, read from its StatefulSet and pod alone
 * (a pure function: the same answer for the progress page and for the instructor's Event).
 *
 * @param step where it is
 * @param message one sentence for the student
 * @param detail what Kubernetes said, for the instructor (empty when nothing is wrong)
 */
public record Progress(Step step, String message, String detail) {
  /** The steps a start goes through, in order; FAILED and STOPPED end it. */
  public enum Step {
    STOPPED,
    REQUESTED,
    SCHEDULED,
    PULLING,
    STARTING,
    READY,
    FAILED
  }

  /** How long a server may wait for room on the cluster before the wait is told as a failure. */
  public static final Duration UNSCHEDULABLE_PATIENCE = Duration.ofMinutes(5);

  public boolean failed() {
    return step == Step.FAILED;
  }

  public static Progress of(StatefulSet server, Pod pod, Instant now) {
    if (server == null) {
      return new Progress(
          Step.FAILED,
          "Your server has not been set up yet. Your class may still be getting ready: try again in a minute.",
          "the student's StatefulSet does not exist");
    }
    Map<String, String> annotations =
        server.getMetadata().getAnnotations() == null
            ? Map.of()
            : server.getMetadata().getAnnotations();
    Integer replicas = server.getSpec().getReplicas();
    if (replicas == null || replicas == 0) {
      if (annotations.containsKey(ServerState.START_REQUEST)) {
        return new Progress(Step.REQUESTED, "Your server is being started.", "");
      }
      return new Progress(
          Step.STOPPED,
          "Idle".equals(annotations.get(ServerState.STOP_REASON))
              ? "Your server was stopped after a while without use. Your files are kept."
              : "Your server is stopped. Your files are kept.",
          "");
    }
    if (pod == null) {
      return new Progress(Step.REQUESTED, "Your server is being started.", "");
    }
    return ofPod(pod, now);
  }

  private static Progress ofPod(Pod pod, Instant now) {
    Optional<ContainerStatus> jupyter =
        pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            ? Optional.empty()
            : pod.getStatus().getContainerStatuses().stream().findFirst();
    Optional<Progress> broken = jupyter.flatMap(Progress::brokenContainer);
    if (broken.isPresent()) {
      return broken.get();
    }
    PodCondition scheduled = condition(pod, "PodScheduled");
    if (scheduled == null || !"True".equals(scheduled.getStatus())) {
      boolean unschedulable = scheduled != null && "Unschedulable".equals(scheduled.getReason());
      Instant since =
          pod.getMetadata().getCreationTimestamp() == null
              ? now
              : Instant.parse(pod.getMetadata().getCreationTimestamp());
      if (unschedulable && now.isAfter(since.plus(UNSCHEDULABLE_PATIENCE))) {
        return new Progress(
            Step.FAILED,
            "There is no room for your server on the cluster right now. Your instructor has been told.",
            "unschedulable for over "
                + UNSCHEDULABLE_PATIENCE.toMinutes()
                + " minutes: "
                + scheduled.getMessage());
      }
      return new Progress(
          Step.REQUESTED,
          unschedulable
              ? "Waiting for room on the cluster (a machine may be added for you)."
              : "Finding a machine for your server.",
          "");
    }
    if (jupyter.isEmpty()
        || jupyter.get().getState() == null
        || jupyter.get().getState().getWaiting() != null) {
      return new Progress(
          Step.PULLING,
          "Preparing your environment (the first start on a machine downloads it).",
          "");
    }
    if (jupyter.get().getState().getRunning() != null
        && !Boolean.TRUE.equals(jupyter.get().getReady())) {
      return new Progress(Step.STARTING, "Starting Jupyter.", "");
    }
    if (Boolean.TRUE.equals(jupyter.get().getReady())) {
      return new Progress(Step.READY, "Your server is ready.", "");
    }
    return new Progress(Step.SCHEDULED, "Your server has a machine.", "");
  }

  /** A container that cannot start, explained: an image that cannot be pulled, a crash, memory, bad settings. */
  private static Optional<Progress> brokenContainer(ContainerStatus status) {
    ContainerState state = status.getState();
    String waiting =
        state == null || state.getWaiting() == null ? null : state.getWaiting().getReason();
    String waitingMessage = waiting == null ? "" : waiting + ": " + state.getWaiting().getMessage();
    if ("ErrImagePull".equals(waiting)
        || "ImagePullBackOff".equals(waiting)
        || "InvalidImageName".equals(waiting)) {
      return Optional.of(
          new Progress(
              Step.FAILED,
              "Your class's environment could not be downloaded. Your instructor has to"
                  + " fix the Classroom's image; your files are safe.",
              waitingMessage));
    }
    if ("CreateContainerConfigError".equals(waiting) || "CreateContainerError".equals(waiting)) {
      return Optional.of(
          new Progress(
              Step.FAILED,
              "Your server's settings are broken. Your instructor has been told; your"
                  + " files are safe.",
              waitingMessage));
    }
    ContainerState last = status.getLastState();
    boolean crashed =
        "CrashLoopBackOff".equals(waiting) || state != null && state.getTerminated() != null;
    if (crashed) {
      var ended =
          state.getTerminated() != null
              ? state.getTerminated()
              : last == null ? null : last.getTerminated();
      if (ended != null && "OOMKilled".equals(ended.getReason())) {
        return Optional.of(
            new Progress(
                Step.FAILED,
                "Your server ran out of memory while starting. Your instructor has been"
                    + " told; your files are safe.",
                "OOMKilled, exit code " + ended.getExitCode()));
      }
      return Optional.of(
          new Progress(
              Step.FAILED,
              "Your server stopped right after starting. Your instructor has been told;"
                  + " your files are safe.",
              ended == null
                  ? waitingMessage
                  : "exited with code " + ended.getExitCode() + " (" + ended.getReason() + ")"));
    }
    return Optional.empty();
  }

  private static PodCondition condition(Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }
}
