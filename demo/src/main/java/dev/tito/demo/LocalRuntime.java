package dev.tito.demo;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * This machine as a node's container runtime, shared by both local kubelets: a pod's containers run as local
 * processes or in podman ({@link LocalPod}, {@link Containers}) with its volumes under {@code <folder>/pods} and claims under {@code <folder>/homes},
 * and at most {@code parallel} units of work (a Job, or a pod) run at once: the node's capacity.
 */
final class LocalRuntime implements LocalJob.Kubelet, AutoCloseable {
  private final KubernetesClient client;
  private final PodLogs logs;
  private final PodVolumes volumes;
  private final Containers containers;
  private final Path pods;
  private final Supplier<String> podAddresses;
  private final ExecutorService workers;

  /**
   * @param folder where pods' volumes and logs go ({@code pods/<namespace>/<pod>}) and claims' folders ({@code homes/<claim>})
   * @param parallel units of work run at once
   * @param podAddresses a new pod's address on the node's pod network
   */
  LocalRuntime(
      KubernetesClient client,
      PodLogs logs,
      Path folder,
      Containers containers,
      int parallel,
      Supplier<String> podAddresses) {
    this.client = client;
    this.logs = logs;
    // mount paths are absolute, as a kubelet's are: a container's process does not run in the
    // demo's folder
    Path absolute = folder.toAbsolutePath();
    this.volumes = new PodVolumes(client, absolute.resolve("homes"));
    this.containers = containers;
    this.pods = absolute.resolve("pods");
    this.podAddresses = podAddresses;
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            parallel,
            runnable -> {
              Thread thread = new Thread(runnable, "local-kubelet-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs the pod's containers here and writes its status; returns how it ended. */
  @Override
  public LocalPod.Result run(Pod pod, Instant deadline, BooleanSupplier cancelled)
      throws IOException {
    return new LocalPod(client, logs, volumes, containers, pods, podAddresses.get(), pod)
        .run(deadline, cancelled);
  }

  /** Runs {@code work} once a worker is free; a failure is one line on stderr naming {@code what}. */
  void submit(String what, Runnable work) {
    workers.submit(
        () -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            System.err.println("local kubelet: " + what + " could not be run: " + e.getMessage());
          }
        });
  }

  /** Waits a little for the work under way (whose processes the caller had killed), then abandons it. */
  @Override
  public void close() {
    workers.shutdown();
    try {
      workers.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
  }
}
