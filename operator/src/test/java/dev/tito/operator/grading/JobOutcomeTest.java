package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure table of docs/grading-jobs.md, row by row, from Job conditions and container states only. */
class JobOutcomeTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void studentFailuresAreFinal() {
    assertThat(JobOutcome.of(job("Failed", "DeadlineExceeded"), null, NOW))
        .isEqualTo(
            new JobOutcome(
                JobOutcome.State.FAILED,
                "Timeout",
                "grading ran past the class's timeout (spec.grading.timeout)"));
    assertThat(
            JobOutcome.of(
                    job("Failed", "BackoffLimitExceeded"),
                    pod(terminated("execute", 137, "OOMKilled")),
                    NOW)
                .failureClass())
        .isEqualTo("OutOfMemory");
    JobOutcome died =
        JobOutcome.of(
            job("Failed", "BackoffLimitExceeded"), pod(terminated("execute", 1, "Error")), NOW);
    assertThat(died.failureClass()).isEqualTo("KernelDied");
    assertThat(died.retryable()).isFalse();
  }

  @Test
  void aContainerKilledAtTheDeadlineIsATimeoutBeforeTheJobHasFailed() {
    // the Job controller's order: FailureTarget (DeadlineExceeded), then the pod's containers are
    // killed, then Failed
    assertThat(
            JobOutcome.of(
                    job("FailureTarget", "DeadlineExceeded"),
                    pod(terminated("execute", 137, "Error")),
                    NOW)
                .failureClass())
        .isEqualTo("Timeout");
  }

  @Test
  void infrastructureFailuresAreRetried() {
    for (Pod pod :
        List.of(
            pod(terminated("prepare", 2, "Error")),
            pod(terminated("execute", 0, "Completed"), terminated("score", 2, "Error")))) {
      JobOutcome outcome = JobOutcome.of(job("Failed", "BackoffLimitExceeded"), pod, NOW);
      assertThat(outcome.failureClass()).isEqualTo("InfrastructureError");
      assertThat(outcome.retryable()).isTrue();
    }
    Pod evicted = pod();
    evicted.getStatus().setReason("Evicted");
    assertThat(JobOutcome.of(job("Failed", "BackoffLimitExceeded"), evicted, NOW).retryable())
        .isTrue();
    assertThat(JobOutcome.of(job("Failed", "BackoffLimitExceeded"), null, NOW).failureClass())
        .isEqualTo("InfrastructureError");
    assertThat(JobOutcome.vanished("j").retryable()).isTrue();
  }

  @Test
  void aCourseImageThatCannotRunTheGraderIsNotBlamedOnTheStudent() {
    JobOutcome outcome =
        JobOutcome.of(
            job("Failed", "BackoffLimitExceeded"), pod(terminated("execute", 3, "Error")), NOW);

    assertThat(outcome.failureClass()).isEqualTo("InfrastructureError");
    assertThat(outcome.retryable()).isTrue();
    assertThat(outcome.detail())
        .startsWith("the course image cannot run tito's grader")
        .contains("kubectl logs -c execute");
  }

  @Test
  void anImageThatDoesNotPullFailsOnlyAfterTwoMinutes() {
    Pod pulling = pod(waiting("execute", "ImagePullBackOff"));
    pulling
        .getStatus()
        .getConditions()
        .add(
            new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                .withType("PodScheduled")
                .withStatus("True")
                .withLastTransitionTime(NOW.minusSeconds(119).toString())
                .build());

    assertThat(JobOutcome.of(job(null, null), pulling, NOW).state())
        .isEqualTo(JobOutcome.State.RUNNING);
    JobOutcome failed = JobOutcome.of(job(null, null), pulling, NOW.plusSeconds(1));
    assertThat(failed.failureClass()).isEqualTo("ImagePullError");
    assertThat(failed.retryable()).isTrue();
  }

  @Test
  void suspendedRunningAndCompleteJobs() {
    Job suspended = job(null, null);
    suspended.getSpec().setSuspend(true);
    assertThat(JobOutcome.of(suspended, null, NOW).state()).isEqualTo(JobOutcome.State.SUSPENDED);
    assertThat(JobOutcome.of(job(null, null), pod(), NOW).state())
        .isEqualTo(JobOutcome.State.RUNNING);
    assertThat(
            JobOutcome.of(
                    job("Complete", "CompletionsReached"),
                    pod(terminated("execute", 0, "Completed"), terminated("score", 0, "Completed")),
                    NOW)
                .state())
        .isEqualTo(JobOutcome.State.SUCCEEDED);
  }

  private static Job job(String condition, String reason) {
    JobBuilder job =
        new JobBuilder().withNewMetadata().withName("j").endMetadata().withNewSpec().endSpec();
    if (condition != null) {
      job.withNewStatus()
          .addNewCondition()
          .withType(condition)
          .withStatus("True")
          .withReason(reason)
          .endCondition()
          .endStatus();
    }
    return job.build();
  }

  private static Pod pod(ContainerStatus... statuses) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("p")
        .withCreationTimestamp(NOW.minusSeconds(10).toString())
        .endMetadata()
        .withNewStatus()
        .withInitContainerStatuses(
            List.of(statuses).stream().filter(s -> !s.getName().equals("score")).toList())
        .withContainerStatuses(
            List.of(statuses).stream().filter(s -> s.getName().equals("score")).toList())
        .endStatus()
        .build();
  }

  private static ContainerStatus terminated(String name, int exitCode, String reason) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withNewState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason(reason)
        .endTerminated()
        .endState()
        .build();
  }

  private static ContainerStatus waiting(String name, String reason) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage("grader:missing")
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .endWaiting()
        .endState()
        .build();
  }
}
