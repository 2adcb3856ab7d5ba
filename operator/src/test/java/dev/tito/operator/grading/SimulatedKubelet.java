package dev.tito.operator.grading;

import dev.tito.operator.classroom.Eventually;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * What the Job controller and the kubelet would do with a grading Job on the mock server: create its pod, run it to
 * the scenario's end (exit codes, termination reasons, Job conditions) and serve the score container's log.
 */
final class SimulatedKubelet implements AutoCloseable {
  /** How a Job's pod ends; HOLD leaves it running until the test calls {@link #finish}. */
  sealed interface Scenario permits Succeeds, ExecuteEnds, DeadlineExceeded, ImagePullFails, Hold {}

  record Succeeds(String scoreLog) implements Scenario {}

  /** The execute container terminated with this reason and exit code. */
  record ExecuteEnds(String reason, int exitCode) implements Scenario {}

  record DeadlineExceeded() implements Scenario {}

  record ImagePullFails() implements Scenario {}

  record Hold() implements Scenario {}

  private final KubernetesClient client;
  private final KubernetesMockServer server;
  private final Map<String, Function<Job, Scenario>> scenarios = new ConcurrentHashMap<>();
  private final Set<String> started = ConcurrentHashMap.newKeySet();

  /** Job names in the order their pods started. */
  final List<String> startOrder = new CopyOnWriteArrayList<>();

  private final ExecutorService work =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "simulated-kubelet");
            thread.setDaemon(true);
            return thread;
          });
  private final SharedIndexInformer<Job> informer;

  SimulatedKubelet(KubernetesClient client, KubernetesMockServer server) {
    this.client = client;
    this.server = server;
    this.informer =
        client
            .batch()
            .v1()
            .jobs()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Job job) {
                    work.submit(() -> start(job));
                  }

                  @Override
                  public void onUpdate(Job old, Job job) {
                    work.submit(() -> start(job));
                  }

                  @Override
                  public void onDelete(Job job, boolean unknown) {}
                });
  }

  /** Decides how the Jobs of a namespace end. */
  void in(String namespace, Function<Job, Scenario> scenario) {
    scenarios.put(namespace, scenario);
  }

  /** A Job that is not suspended starts once: its pod is created and run to the scenario's end. */
  private void start(Job job) {
    if (Boolean.TRUE.equals(job.getSpec().getSuspend())
        || !started.add(job.getMetadata().getUid())) {
      return;
    }
    try {
      Scenario scenario =
          scenarios.getOrDefault(job.getMetadata().getNamespace(), j -> new Hold()).apply(job);
      Pod pod = createPod(job);
      startOrder.add(job.getMetadata().getName());
      finish(job, pod, scenario);
    } catch (KubernetesClientException e) {
      // the operator deleted the Job meanwhile: a real kubelet would stop too
    }
  }

  /** Ends a held Job's pod as the scenario says. */
  void finish(String namespace, String jobName, Scenario scenario) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
    Pod pod =
        Eventually.until(
            "pod of " + jobName,
            Duration.ofSeconds(30),
            () -> client.pods().inNamespace(namespace).withName(jobName + "-pod").get(),
            p -> p.getStatus() != null,
            () -> null);
    finish(job, pod, scenario);
  }

  private void finish(Job job, Pod pod, Scenario scenario) {
    String now = Instant.now().toString();
    if (scenario instanceof Succeeds succeeds) {
      server
          .expect()
          .get()
          .withPath(
              "/api/v1/namespaces/"
                  + pod.getMetadata().getNamespace()
                  + "/pods/"
                  + pod.getMetadata().getName()
                  + "/log?pretty=false&container=score&limitBytes=1048576")
          .andReturn(200, succeeds.scoreLog())
          .always();
      podStatus(
          pod,
          "Succeeded",
          List.of(terminated("prepare", 0, "Completed"), terminated("execute", 0, "Completed")),
          List.of(terminated("score", 0, "Completed")),
          null);
      jobStatus(job, "Complete", "CompletionsReached", now);
    } else if (scenario instanceof ExecuteEnds ends) {
      podStatus(
          pod,
          "Failed",
          List.of(
              terminated("prepare", 0, "Completed"),
              terminated("execute", ends.exitCode(), ends.reason())),
          List.of(waiting("score", "PodInitializing")),
          null);
      jobStatus(job, "Failed", "BackoffLimitExceeded", now);
    } else if (scenario instanceof DeadlineExceeded) {
      podStatus(
          pod,
          "Failed",
          List.of(terminated("prepare", 0, "Completed"), running("execute", now)),
          List.of(waiting("score", "PodInitializing")),
          null);
      jobStatus(job, "Failed", "DeadlineExceeded", now);
    } else if (scenario instanceof ImagePullFails) {
      podStatus(
          pod,
          "Pending",
          List.of(terminated("prepare", 0, "Completed"), waiting("execute", "ImagePullBackOff")),
          List.of(waiting("score", "PodInitializing")),
          Instant.now().minusSeconds(180).toString());
    } else {
      podStatus(
          pod,
          "Running",
          List.of(terminated("prepare", 0, "Completed"), running("execute", now)),
          List.of(waiting("score", "PodInitializing")),
          null);
    }
  }

  private static ContainerStatus running(String name, String since) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withNewState()
        .withNewRunning()
        .withStartedAt(since)
        .endRunning()
        .endState()
        .build();
  }

  private Pod createPod(Job job) {
    Map<String, String> labels =
        new LinkedHashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
    labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
    labels.put("job-name", job.getMetadata().getName());
    return client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(job.getMetadata().getName() + "-pod")
                .withNamespace(job.getMetadata().getNamespace())
                .withLabels(labels)
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build())
        .create();
  }

  private void podStatus(
      Pod pod,
      String phase,
      List<ContainerStatus> init,
      List<ContainerStatus> main,
      String scheduledAt) {
    Pod latest = client.resource(pod).get();
    latest.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder()
            .withPhase(phase)
            .withConditions(
                new PodConditionBuilder()
                    .withType("PodScheduled")
                    .withStatus("True")
                    .withLastTransitionTime(
                        scheduledAt != null ? scheduledAt : Instant.now().toString())
                    .build())
            .withInitContainerStatuses(init)
            .withContainerStatuses(main)
            .build());
    client.resource(latest).updateStatus();
  }

  private void jobStatus(Job job, String condition, String reason, String now) {
    Job latest = client.resource(job).get();
    List<io.fabric8.kubernetes.api.model.batch.v1.JobCondition> conditions = new ArrayList<>();
    conditions.add(
        new JobConditionBuilder()
            .withType(condition)
            .withStatus("True")
            .withReason(reason)
            .withLastTransitionTime(now)
            .build());
    latest.setStatus(
        new JobStatusBuilder()
            .withStartTime(latest.getMetadata().getCreationTimestamp())
            .withConditions(conditions)
            .withSucceeded("Complete".equals(condition) ? 1 : 0)
            .withFailed("Failed".equals(condition) ? 1 : 0)
            .withCompletionTime("Complete".equals(condition) ? now : null)
            .build());
    client.resource(latest).updateStatus();
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
        .withImage("registry.example/" + name + ":missing")
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .endWaiting()
        .endState()
        .build();
  }

  @Override
  public void close() {
    informer.close();
    work.shutdownNow();
  }
}
