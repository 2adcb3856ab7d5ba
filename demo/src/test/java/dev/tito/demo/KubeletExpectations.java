package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

/** What both kubelets must show alike, whoever plays the Job controller (LocalKubelet itself, or the real one). */
final class KubeletExpectations {
  private KubeletExpectations() {}

  /**
   * A one-pod Job (backoffLimit 0) whose init container {@code execute} logged "kernel died" and exited with 3: the
   * pod failed with the exit code and reason a kubelet reports, its {@code score} container never started, the Job
   * failed.
   */
  static void failedInItsInitContainer(JobCondition jobCondition, Pod pod, String executeLog) {
    assertThat(jobCondition.getType()).isEqualTo("Failed");
    assertThat(jobCondition.getReason()).isEqualTo("BackoffLimitExceeded");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(pod.getStatus().getInitContainerStatuses().get(0).getState().getTerminated())
        .satisfies(t -> assertThat(t.getExitCode()).isEqualTo(3))
        .satisfies(t -> assertThat(t.getReason()).isEqualTo("Error"));
    assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
        .isEqualTo("PodInitializing");
    assertThat(executeLog).isEqualTo("kernel died\n");
  }
}
