package dev.tito.operator.grading;

import dev.tito.operator.cluster.Jobs;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a grading Job stands, read only from what the Job controller and the kubelet write (never from student
 * output), classified as the table of docs/grading-jobs.md says.
 *
 * @param state what to do next
 * @param failureClass the contract's failure class when failed, else null
 * @param detail one line on what was observed
 */
public record JobOutcome(State state, String failureClass, String detail) {
  /** The execute step's exit when the image cannot run the grader (execute_notebooks.py's CANNOT_GRADE). */
  static final int CANNOT_GRADE = 3;

  public enum State {
    SUSPENDED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    RETRYABLE
  }

  /** How long an image may fail to pull before the attempt counts as failed. */
  public static final Duration IMAGE_PULL_LIMIT = Duration.ofMinutes(2);

  private static final Set<String> IMAGE_PULL_REASONS =
      Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");

  public static JobOutcome of(Job job, Pod pod, Instant now) {
    if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      return new JobOutcome(State.SUSPENDED, null, "waiting for its Kueue queue to admit it");
    }
    Optional<JobCondition> failed = Jobs.condition(job, "Failed");
    // the Job controller marks FailureTarget before it kills the pod: a container killed at the
    // deadline is no kernel death
    Optional<JobCondition> failing = failed.or(() -> Jobs.condition(job, "FailureTarget"));
    if (failing.isPresent() && "DeadlineExceeded".equals(failing.get().getReason())) {
      return new JobOutcome(
          State.FAILED, "Timeout", "grading ran past the class's timeout (spec.grading.timeout)");
    }
    if (pod != null) {
      JobOutcome fromPod =
          fromPod(pod, now, failed.isPresent() || Jobs.condition(job, "Complete").isPresent());
      if (fromPod != null) {
        return fromPod;
      }
    }
    if (Jobs.condition(job, "Complete").isPresent()) {
      return new JobOutcome(State.SUCCEEDED, null, "graded");
    }
    if (failed.isPresent()) {
      return retry("the grading Job failed (" + failed.get().getReason() + ") without a result");
    }
    return new JobOutcome(State.RUNNING, null, "grading");
  }

  /** The Job is gone (deleted, or its pod with it) before a result was read. */
  public static JobOutcome vanished(String jobName) {
    return retry("the grading Job " + jobName + " was deleted before it reported a result");
  }

  public boolean retryable() {
    return state == State.RETRYABLE;
  }

  private static JobOutcome fromPod(Pod pod, Instant now, boolean jobFinished) {
    ContainerStatus prepare = status(pod, GradingJob.PREPARE);
    ContainerStatus execute = status(pod, GradingJob.EXECUTE);
    ContainerStatus score = status(pod, GradingJob.SCORE);
    ContainerStateTerminated executed = terminated(execute);
    if (executed != null && "OOMKilled".equals(executed.getReason())) {
      return new JobOutcome(
          State.FAILED,
          "OutOfMemory",
          "the notebook used more memory than the class allows" + " (spec.grading.resources)");
    }
    if (executed != null && Integer.valueOf(CANNOT_GRADE).equals(executed.getExitCode())) {
      return retry(
          "the course image cannot run tito's grader: the execute step stopped before any student code ran"
              + " (see its log: kubectl logs -c "
              + GradingJob.EXECUTE
              + ")");
    }
    if (executed != null && executed.getExitCode() != null && executed.getExitCode() != 0) {
      return new JobOutcome(
          State.FAILED,
          "KernelDied",
          "executing the notebooks stopped with exit code " + executed.getExitCode());
    }
    ContainerStateTerminated prepared = terminated(prepare);
    if (prepared != null && prepared.getExitCode() != null && prepared.getExitCode() != 0) {
      return retry("preparing the notebooks failed with exit code " + prepared.getExitCode());
    }
    ContainerStateTerminated scored = terminated(score);
    if (scored != null && scored.getExitCode() != null && scored.getExitCode() != 0) {
      return retry("scoring failed with exit code " + scored.getExitCode());
    }
    if (hasCondition(pod, "DisruptionTarget")
        || "Evicted".equals(pod.getStatus() == null ? null : pod.getStatus().getReason())) {
      return retry("the grading pod was evicted or disrupted");
    }
    if (!jobFinished) {
      for (ContainerStatus container :
          Stream.of(prepare, execute, score).filter(Objects::nonNull).toList()) {
        ContainerStateWaiting waiting =
            container.getState() == null ? null : container.getState().getWaiting();
        if (waiting != null
            && IMAGE_PULL_REASONS.contains(waiting.getReason())
            && !pullingSince(pod).plus(IMAGE_PULL_LIMIT).isAfter(now)) {
          return new JobOutcome(
              State.RETRYABLE,
              "ImagePullError",
              "container "
                  + container.getName()
                  + " cannot pull image "
                  + container.getImage()
                  + " ("
                  + waiting.getReason()
                  + ")");
        }
      }
    }
    return null;
  }

  /** Pulls start once the pod is scheduled: the PodScheduled condition's time, else the pod's creation. */
  private static Instant pullingSince(Pod pod) {
    String since =
        pod.getStatus() == null || pod.getStatus().getConditions() == null
            ? null
            : pod.getStatus().getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "True".equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime)
                .findFirst()
                .orElse(null);
    String text = since != null ? since : pod.getMetadata().getCreationTimestamp();
    return text == null ? Instant.now() : Instant.parse(text);
  }

  private static JobOutcome retry(String detail) {
    return new JobOutcome(State.RETRYABLE, "InfrastructureError", detail);
  }

  private static boolean hasCondition(Pod pod, String type) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static ContainerStatus status(Pod pod, String container) {
    if (pod.getStatus() == null) {
      return null;
    }
    List<ContainerStatus> all = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      all.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      all.addAll(pod.getStatus().getContainerStatuses());
    }
    return all.stream().filter(s -> container.equals(s.getName())).findFirst().orElse(null);
  }

  private static ContainerStateTerminated terminated(ContainerStatus status) {
    return status == null || status.getState() == null ? null : status.getState().getTerminated();
  }
}
