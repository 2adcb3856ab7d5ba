package dev.tito.demo;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the Job controller does for one Job: creates its pod from the template, has the local kubelet run it, creates
 * another after a failure while {@code backoffLimit} allows, and writes the Job's status and its {@code Complete} or
 * {@code Failed} condition ({@code BackoffLimitExceeded}, {@code DeadlineExceeded} after {@code activeDeadlineSeconds}).
 */
final class LocalJob implements Runnable {
  private static final int DEFAULT_BACKOFF_LIMIT = 6;
  private static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
  private static final String SUFFIX_LETTERS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Runs one pod on the local kubelet. */
  interface Kubelet {
    LocalPod.Result run(Pod pod, Instant deadline, java.util.function.BooleanSupplier cancelled)
        throws IOException;
  }

  private final KubernetesClient client;
  private final Job job;
  private final Kubelet kubelet;
  private final Duration podBackoff;
  private final String namespace;
  private final String name;
  private volatile boolean cancelled;

  LocalJob(KubernetesClient client, Job job, Kubelet kubelet, Duration podBackoff) {
    this.client = client;
    this.job = job;
    this.kubelet = kubelet;
    this.podBackoff = podBackoff;
    this.namespace = job.getMetadata().getNamespace();
    this.name = job.getMetadata().getName();
  }

  /** The Job was deleted (or the kubelet stops): its running pod is killed and nothing more is written. */
  void cancel() {
    cancelled = true;
  }

  @Override
  public void run() {
    try {
      runPods();
    } catch (IOException e) {
      throw new UncheckedIOException("running the pods of Job " + namespace + "/" + name, e);
    }
  }

  private void runPods() throws IOException {
    Instant started = Instant.now();
    Long deadlineSeconds = job.getSpec().getActiveDeadlineSeconds();
    Instant deadline = deadlineSeconds == null ? null : started.plusSeconds(deadlineSeconds);
    int backoffLimit =
        job.getSpec().getBackoffLimit() == null
            ? DEFAULT_BACKOFF_LIMIT
            : job.getSpec().getBackoffLimit();
    if (!writeStatus(
        status -> {
          status.setStartTime(started.toString());
          status.setActive(1);
        })) {
      return;
    }
    int completions = job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
    boolean indexed = "Indexed".equals(job.getSpec().getCompletionMode());
    // one pod at a time (parallelism 1): a node of one machine
    for (int failures = 0, succeeded = 0; ; ) {
      Pod pod = client.resource(podFor(job, indexed ? succeeded : null)).create();
      LocalPod.Result result = kubelet.run(pod, deadline, () -> cancelled);
      if (result == LocalPod.Result.CANCELLED || cancelled) {
        return;
      }
      if (result == LocalPod.Result.SUCCEEDED) {
        succeeded++;
        int done = succeeded;
        boolean complete = done == completions;
        writeStatus(
            status -> {
              status.setSucceeded(done);
              if (complete) {
                status.setActive(0);
                status.setCompletionTime(Instant.now().toString());
                status.getConditions().add(condition("Complete", null, null));
              }
            });
        if (complete) {
          return;
        }
        continue;
      }
      failures++;
      int failed = failures;
      if (result == LocalPod.Result.DEADLINE_EXCEEDED) {
        fail(failed, "DeadlineExceeded", "Job was active longer than specified deadline");
        return;
      }
      if (failures > backoffLimit) {
        fail(failed, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        return;
      }
      writeStatus(status -> status.setFailed(failed));
      // the Job controller's back-off before the next pod: base x 2^(failures-1)
      Instant next = Instant.now().plus(podBackoff.multipliedBy(1L << Math.min(failures - 1, 6)));
      while (Instant.now().isBefore(next) && !cancelled) {
        if (deadline != null && Instant.now().isAfter(deadline)) {
          fail(failed, "DeadlineExceeded", "Job was active longer than specified deadline");
          return;
        }
        if (!sleep()) {
          return;
        }
      }
    }
  }

  private void fail(int failed, String reason, String message) {
    writeStatus(
        status -> {
          status.setActive(0);
          status.setFailed(failed);
          status.getConditions().add(condition("Failed", reason, message));
        });
  }

  private boolean writeStatus(Consumer<JobStatus> change) {
    return StatusWrites.edit(
        client,
        Job.class,
        namespace,
        name,
        latest -> {
          if (latest.getStatus() == null) {
            latest.setStatus(new JobStatus());
          }
          change.accept(latest.getStatus());
        });
  }

  /**
   * A pod from the Job's template, named and labelled as the Job controller does, owned by the Job; for an Indexed
   * Job, its completion index as annotation, label and {@code JOB_COMPLETION_INDEX} in every container.
   */
  static Pod podFor(Job job, Integer index) {
    var template = job.getSpec().getTemplate();
    Map<String, String> labels = new HashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    String jobName = job.getMetadata().getName();
    String uid = job.getMetadata().getUid();
    labels.put("batch.kubernetes.io/job-name", jobName);
    labels.put("job-name", jobName);
    if (uid != null) {
      labels.put("batch.kubernetes.io/controller-uid", uid);
      labels.put("controller-uid", uid);
    }
    PodSpec spec =
        job.getSpec().getTemplate().getSpec().toBuilder()
            .withNodeName(LocalKubelet.NODE_NAME)
            .build();
    Map<String, String> annotations = new HashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getAnnotations() != null) {
      annotations.putAll(template.getMetadata().getAnnotations());
    }
    if (index != null) {
      annotations.put(COMPLETION_INDEX, String.valueOf(index));
      labels.put(COMPLETION_INDEX, String.valueOf(index));
      EnvVar indexVariable = new EnvVar("JOB_COMPLETION_INDEX", String.valueOf(index), null);
      // new containers: the template's own (the informer's cached Job) stay as they are
      spec.setInitContainers(
          spec.getInitContainers().stream()
              .map(c -> new ContainerBuilder(c).addToEnv(indexVariable).build())
              .toList());
      spec.setContainers(
          spec.getContainers().stream()
              .map(c -> new ContainerBuilder(c).addToEnv(indexVariable).build())
              .toList());
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName(jobName + "-" + suffix())
        .withNamespace(job.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName(jobName)
                .withUid(uid)
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withSpec(spec)
        .build();
  }

  private static String suffix() {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(SUFFIX_LETTERS.charAt(RANDOM.nextInt(SUFFIX_LETTERS.length())));
    }
    return suffix.toString();
  }

  private static JobCondition condition(String type, String reason, String message) {
    String now = Instant.now().toString();
    return new JobConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage(message)
        .withLastProbeTime(now)
        .withLastTransitionTime(now)
        .build();
  }

  private static boolean sleep() {
    try {
      Thread.sleep(100);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
