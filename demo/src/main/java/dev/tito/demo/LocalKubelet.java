package dev.tito.demo;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node of one machine for the in-process API, which has no controllers: runs every Job (not suspended) as the Job
 * controller and kubelet would, its containers as local processes or in podman (see {@link LocalRuntime}, {@link Containers}),
 * and reports the students' StatefulSets as running (see {@link StudentServers}). On a real control plane the
 * controllers are real and {@link RealApiKubelet} is the kubelet.
 */
public final class LocalKubelet implements DemoKubelet {
  static final String NODE_NAME = "tito-demo";

  private final KubernetesClient client;
  private final LocalRuntime runtime;
  private final Duration podBackoff;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Map<String, LocalJob> running = new ConcurrentHashMap<>();
  private final StudentServers servers;
  private SharedIndexInformer<Job> jobs;
  private SharedIndexInformer<StatefulSet> statefulSets;

  /**
   * @param folder where pods' volumes and logs go ({@code pods/<namespace>/<pod>}) and claims' folders ({@code homes/<claim>})
   * @param parallel Jobs run at once (a node's capacity)
   * @param podBackoff the Job controller's wait before a failed pod's replacement (10 s in a cluster)
   */
  public LocalKubelet(
      KubernetesClient client,
      PodLogs logs,
      Path folder,
      Containers containers,
      int parallel,
      Duration podBackoff) {
    this.client = client;
    // the in-process API validates no addresses: every pod has the node's
    this.runtime =
        new LocalRuntime(client, logs, folder, containers, parallel, () -> PodStatuses.NODE_IP);
    this.podBackoff = podBackoff;
    this.servers = new StudentServers(client);
  }

  @Override
  public void start() {
    jobs =
        client
            .batch()
            .v1()
            .jobs()
            .inAnyNamespace()
            .inform(new OnChange<>(this::admit, this::deleted));
    statefulSets =
        client
            .apps()
            .statefulSets()
            .inAnyNamespace()
            .inform(
                new OnChange<>(
                    servers::reconcile,
                    set ->
                        client
                            .pods()
                            .inNamespace(set.getMetadata().getNamespace())
                            .withName(set.getMetadata().getName() + "-0")
                            .delete()));
  }

  /** A deleted Job's running process is killed, and its pods deleted: the garbage collector's part. */
  private void deleted(Job job) {
    LocalJob run = running.remove(job.getMetadata().getUid());
    if (run != null) {
      run.cancel();
    }
    client
        .pods()
        .inNamespace(job.getMetadata().getNamespace())
        .withLabel("batch.kubernetes.io/controller-uid", job.getMetadata().getUid())
        .delete();
  }

  /** Runs a Job once: when it exists and is not suspended (Kueue admits a suspended one by resuming it). */
  private void admit(Job job) {
    if (Boolean.TRUE.equals(job.getSpec().getSuspend())
        || finished(job)
        || !seen.add(job.getMetadata().getUid())) {
      return;
    }
    String uid = job.getMetadata().getUid();
    LocalJob run = new LocalJob(client, job, runtime, podBackoff);
    running.put(uid, run);
    runtime.submit(
        "Job " + job.getMetadata().getNamespace() + "/" + job.getMetadata().getName(),
        () -> {
          try {
            run.run();
          } finally {
            running.remove(uid);
          }
        });
  }

  private static boolean finished(Job job) {
    return job.getStatus() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    List.of("Complete", "Failed").contains(c.getType())
                        && "True".equals(c.getStatus()));
  }

  @Override
  public void close() {
    if (jobs != null) {
      jobs.close();
    }
    if (statefulSets != null) {
      statefulSets.close();
    }
    running.values().forEach(LocalJob::cancel);
    runtime.close();
  }
}
