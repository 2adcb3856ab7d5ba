package dev.tito.demo;

import static dev.tito.demo.PodStatuses.condition;
import static dev.tito.demo.PodStatuses.setCondition;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the kubelet does for one pod, with local processes: mounts its volumes, runs the init containers in
 * order and then the containers, and writes the pod's status (phase, container states, exit codes, termination
 * messages) as a cluster would.
 */
final class LocalPod {
  /** How the pod ended. */
  enum Result {
    SUCCEEDED,
    FAILED,
    DEADLINE_EXCEEDED,
    CANCELLED
  }

  private final KubernetesClient client;
  private final PodLogs logs;
  private final PodVolumes volumes;
  private final Containers containers;
  private final Path folder;
  private final String podIp;
  private final String namespace;
  private final String name;
  private final Pod pod;

  /** @param podIp the pod's address on the node's pod network, as the kubelet reports it */
  LocalPod(
      KubernetesClient client,
      PodLogs logs,
      PodVolumes volumes,
      Containers containers,
      Path podsFolder,
      String podIp,
      Pod pod) {
    this.client = client;
    this.logs = logs;
    this.volumes = volumes;
    this.containers = containers;
    this.pod = pod;
    this.podIp = podIp;
    this.namespace = pod.getMetadata().getNamespace();
    this.name = pod.getMetadata().getName();
    this.folder = podsFolder.resolve(namespace).resolve(name);
  }

  /** The pod's local folder: its volumes, logs and termination messages. */
  Path folder() {
    return folder;
  }

  Result run(Instant deadline, BooleanSupplier cancelled) throws IOException {
    List<Container> inits = pod.getSpec().getInitContainers();
    String started = Instant.now().toString();
    writeStatus(
        status -> {
          status.setPhase("Pending");
          status.setStartTime(started);
          status.setHostIP(PodStatuses.NODE_IP);
          status.setPodIP(podIp);
          status.setConditions(
              new ArrayList<>(
                  List.of(
                      condition("PodScheduled", true, null),
                      condition("Initialized", inits.isEmpty(), null))));
          status.setInitContainerStatuses(PodStatuses.waiting(inits, "PodInitializing"));
          status.setContainerStatuses(
              PodStatuses.waiting(
                  pod.getSpec().getContainers(),
                  inits.isEmpty() ? "ContainerCreating" : "PodInitializing"));
        });
    Map<String, Path> mounted = mountWhenAvailable(deadline, cancelled);
    if (mounted == null) {
      return deadline != null && Instant.now().isAfter(deadline) ? endDeadline() : Result.CANCELLED;
    }
    try (Containers.PodContainers podContainers = containers.open(pod, mounted, folder)) {
      Result initFailed = runInits(inits, podContainers, deadline, cancelled);
      if (initFailed != null) {
        return initFailed;
      }
      writeStatus(
          status -> {
            status.setPhase("Running");
            setCondition(status, condition("Initialized", true, null));
            setCondition(status, condition("ContainersReady", true, null));
            setCondition(status, condition("Ready", true, null));
          });
      return runMains(podContainers, deadline, cancelled);
    }
  }

  /** The init containers one after the other; how the pod ended when one did not succeed, else null. */
  private Result runInits(
      List<Container> inits,
      Containers.PodContainers podContainers,
      Instant deadline,
      BooleanSupplier cancelled)
      throws IOException {
    for (Container init : inits) {
      LocalContainer.Ended ended = runOne(init, podContainers, deadline, cancelled);
      if (ended.cancelled()) {
        return Result.CANCELLED;
      }
      if (ended.deadlineExceeded()) {
        return endDeadline();
      }
      if (ended.exitCode() != 0) {
        writeStatus(
            status -> {
              status.setPhase("Failed");
              setCondition(status, condition("Initialized", false, "ContainersNotInitialized"));
            });
        return Result.FAILED;
      }
    }
    return null;
  }

  /** The containers all started, then each awaited; the pod succeeds when every one exits with 0. */
  private Result runMains(
      Containers.PodContainers podContainers, Instant deadline, BooleanSupplier cancelled)
      throws IOException {
    Map<Container, LocalContainer> running = new LinkedHashMap<>();
    boolean allSucceeded = true;
    for (Container main : pod.getSpec().getContainers()) {
      try {
        LocalContainer local = start(main, podContainers);
        running.put(main, local);
        writeStatus(
            status ->
                PodStatuses.replace(
                    status.getContainerStatuses(), PodStatuses.running(main, local)));
      } catch (IOException | IllegalArgumentException e) {
        allSucceeded = false;
        LocalContainer.Ended failed = startError(e);
        writeStatus(
            status ->
                PodStatuses.replace(
                    status.getContainerStatuses(), PodStatuses.terminated(main, failed)));
      }
    }
    boolean deadlineExceeded = false;
    boolean wasCancelled = false;
    for (Map.Entry<Container, LocalContainer> main : running.entrySet()) {
      LocalContainer.Ended ended = main.getValue().await(deadline, cancelled);
      deadlineExceeded |= ended.deadlineExceeded();
      wasCancelled |= ended.cancelled();
      allSucceeded &= ended.exitCode() == 0;
      if (!ended.deadlineExceeded()) {
        writeStatus(
            status ->
                PodStatuses.replace(
                    status.getContainerStatuses(), PodStatuses.terminated(main.getKey(), ended)));
      }
    }
    if (wasCancelled) {
      return Result.CANCELLED;
    }
    if (deadlineExceeded) {
      return endDeadline();
    }
    boolean succeeded = allSucceeded;
    writeStatus(
        status -> {
          status.setPhase(succeeded ? "Succeeded" : "Failed");
          setCondition(status, condition("ContainersReady", false, "PodCompleted"));
          setCondition(status, condition("Ready", false, "PodCompleted"));
        });
    return succeeded ? Result.SUCCEEDED : Result.FAILED;
  }

  /** Mounts the volumes, retrying every two seconds while a source is missing (the kubelet's FailedMount). */
  private Map<String, Path> mountWhenAvailable(Instant deadline, BooleanSupplier cancelled)
      throws IOException {
    String lastProblem = null;
    while (true) {
      try {
        return volumes.materialise(namespace, pod.getSpec().getVolumes(), folder);
      } catch (PodVolumes.VolumeException e) {
        if (!e.getMessage().equals(lastProblem)) {
          lastProblem = e.getMessage();
          String message = "MountVolume.SetUp failed for " + e.getMessage();
          writeStatus(
              status ->
                  status
                      .getContainerStatuses()
                      .forEach(
                          c -> c.setState(PodStatuses.waitingState("ContainerCreating", message))));
        }
      }
      if ((deadline != null && Instant.now().isAfter(deadline))
          || cancelled.getAsBoolean()
          || !sleep(2000)) {
        return null;
      }
    }
  }

  private LocalContainer.Ended runOne(
      Container container,
      Containers.PodContainers podContainers,
      Instant deadline,
      BooleanSupplier cancelled)
      throws IOException {
    LocalContainer.Ended ended;
    try {
      LocalContainer local = start(container, podContainers);
      writeStatus(
          status ->
              PodStatuses.replace(
                  status.getInitContainerStatuses(), PodStatuses.running(container, local)));
      ended = local.await(deadline, cancelled);
    } catch (IOException | IllegalArgumentException e) {
      ended = startError(e);
    }
    LocalContainer.Ended result = ended;
    // at the deadline the Job controller fails the Job before its pod's containers die: no exit
    // code to misread first
    if (!result.deadlineExceeded()) {
      writeStatus(
          status ->
              PodStatuses.replace(
                  status.getInitContainerStatuses(), PodStatuses.terminated(container, result)));
    }
    return result;
  }

  private LocalContainer start(Container container, Containers.PodContainers podContainers)
      throws IOException {
    Path log = folder.resolve("logs").resolve(container.getName() + ".log");
    logs.register(namespace, name, container.getName(), log);
    return podContainers.start(container, log);
  }

  private static LocalContainer.Ended startError(Exception e) {
    Instant now = Instant.now();
    return new LocalContainer.Ended(
        LocalContainer.START_ERROR,
        now,
        now,
        false,
        false,
        false,
        "failed to start the container locally: " + e.getMessage());
  }

  private Result endDeadline() {
    writeStatus(
        status -> {
          status.setPhase("Failed");
          status.setReason("DeadlineExceeded");
          status.setMessage("Pod was active on the node longer than the specified deadline");
        });
    return Result.DEADLINE_EXCEEDED;
  }

  /** Writes the pod's status from its latest version; false when the pod is gone. */
  private boolean writeStatus(Consumer<PodStatus> change) {
    return StatusWrites.edit(
        client,
        Pod.class,
        namespace,
        name,
        latest -> {
          if (latest.getStatus() == null) {
            latest.setStatus(new PodStatus());
          }
          change.accept(latest.getStatus());
        });
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
