package dev.tito.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the kubelet does for one pod of a Job, with local processes: mounts its volumes, runs the init containers in
 * order and then the containers, and writes the pod's status (phase, container states, exit codes, termination
 * messages) as a cluster would.
 */
final class LocalPod {
  /** How the pod ended. */
  enum Result { SUCCEEDED, FAILED, DEADLINE_EXCEEDED, CANCELLED }

  private static final int START_ERROR = 128;

  private final KubernetesClient client;
  private final PodLogs logs;
  private final PodVolumes volumes;
  private final LocalImages images;
  private final Path folder;
  private final String namespace;
  private final String name;
  private final Pod pod;

  LocalPod(KubernetesClient client, PodLogs logs, PodVolumes volumes, LocalImages images, Path podsFolder, Pod pod) {
    this.client = client;
    this.logs = logs;
    this.volumes = volumes;
    this.images = images;
    this.pod = pod;
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
    List<Container> mains = pod.getSpec().getContainers();
    Instant started = Instant.now();
    writeStatus(status -> {
      status.setPhase("Pending");
      status.setStartTime(started.toString());
      status.setHostIP("127.0.0.1");
      status.setPodIP("127.0.0.1");
      status.setConditions(new ArrayList<>(List.of(condition("PodScheduled", true, null), condition("Initialized", inits.isEmpty(), null))));
      status.setInitContainerStatuses(waiting(inits, "PodInitializing"));
      status.setContainerStatuses(waiting(mains, inits.isEmpty() ? "ContainerCreating" : "PodInitializing"));
    });
    Map<String, Path> mounted = mountWhenAvailable(deadline, cancelled);
    if (mounted == null) {
      return deadline != null && Instant.now().isAfter(deadline) ? endDeadline() : Result.CANCELLED;
    }
    for (Container init : inits) {
      LocalContainer.Ended ended = runOne(init, mounted, deadline, cancelled);
      if (ended.cancelled()) {
        return Result.CANCELLED;
      }
      if (ended.deadlineExceeded()) {
        return endDeadline();
      }
      if (ended.exitCode() != 0) {
        writeStatus(status -> {
          status.setPhase("Failed");
          setCondition(status, condition("Initialized", false, "ContainersNotInitialized"));
        });
        return Result.FAILED;
      }
    }
    writeStatus(status -> {
      status.setPhase("Running");
      setCondition(status, condition("Initialized", true, null));
      setCondition(status, condition("ContainersReady", true, null));
      setCondition(status, condition("Ready", true, null));
    });
    Map<Container, LocalContainer> running = new java.util.LinkedHashMap<>();
    boolean allSucceeded = true;
    for (Container main : mains) {
      try {
        LocalContainer started1 = start(main, mounted);
        running.put(main, started1);
        writeStatus(status -> replace(status.getContainerStatuses(), runningStatus(main, started1)));
      } catch (IOException | IllegalArgumentException e) {
        allSucceeded = false;
        LocalContainer.Ended failed = startError(e);
        writeStatus(status -> replace(status.getContainerStatuses(), terminated(main, failed)));
      }
    }
    boolean deadlineExceeded = false;
    boolean wasCancelled = false;
    for (Map.Entry<Container, LocalContainer> main : running.entrySet()) {
      LocalContainer.Ended ended = main.getValue().await(deadline, cancelled);
      deadlineExceeded |= ended.deadlineExceeded();
      wasCancelled |= ended.cancelled();
      allSucceeded &= ended.exitCode() == 0;
      writeStatus(status -> replace(status.getContainerStatuses(), terminated(main.getKey(), ended)));
    }
    if (wasCancelled) {
      return Result.CANCELLED;
    }
    if (deadlineExceeded) {
      return endDeadline();
    }
    boolean succeeded = allSucceeded;
    writeStatus(status -> {
      status.setPhase(succeeded ? "Succeeded" : "Failed");
      setCondition(status, condition("ContainersReady", false, "PodCompleted"));
      setCondition(status, condition("Ready", false, "PodCompleted"));
    });
    return succeeded ? Result.SUCCEEDED : Result.FAILED;
  }

  /** Mounts the volumes, retrying every two seconds while a source is missing (the kubelet's FailedMount). */
  private Map<String, Path> mountWhenAvailable(Instant deadline, BooleanSupplier cancelled) throws IOException {
    String lastProblem = null;
    while (true) {
      try {
        return volumes.materialise(namespace, pod.getSpec().getVolumes(), folder);
      } catch (PodVolumes.VolumeException e) {
        if (!e.getMessage().equals(lastProblem)) {
          lastProblem = e.getMessage();
          String message = "MountVolume.SetUp failed for " + e.getMessage();
          writeStatus(status -> status.getContainerStatuses().forEach(c -> c.setState(waitingState("ContainerCreating", message))));
        }
      }
      if ((deadline != null && Instant.now().isAfter(deadline)) || cancelled.getAsBoolean() || !sleep(2000)) {
        return null;
      }
    }
  }

  private LocalContainer.Ended runOne(Container container, Map<String, Path> mounted, Instant deadline, BooleanSupplier cancelled)
      throws IOException {
    LocalContainer.Ended ended;
    try {
      LocalContainer local = start(container, mounted);
      writeStatus(status -> replace(status.getInitContainerStatuses(), runningStatus(container, local)));
      ended = local.await(deadline, cancelled);
    } catch (IOException | IllegalArgumentException e) {
      ended = startError(e);
    }
    LocalContainer.Ended result = ended;
    writeStatus(status -> replace(status.getInitContainerStatuses(), terminated(container, result)));
    return result;
  }

  private LocalContainer start(Container container, Map<String, Path> mounted) throws IOException {
    Path log = folder.resolve("logs").resolve(container.getName() + ".log");
    logs.register(namespace, name, container.getName(), log);
    return LocalContainer.start(container, mounted, images, folder, log);
  }

  private static LocalContainer.Ended startError(Exception e) {
    Instant now = Instant.now();
    return new LocalContainer.Ended(START_ERROR, now, now, false, false, "failed to start the container locally: " + e.getMessage());
  }

  private Result endDeadline() {
    writeStatus(status -> {
      status.setPhase("Failed");
      status.setReason("DeadlineExceeded");
      status.setMessage("Pod was active on the node longer than the specified deadline");
    });
    return Result.DEADLINE_EXCEEDED;
  }

  /** Writes the pod's status from its latest version; false when the pod is gone. */
  private boolean writeStatus(Consumer<PodStatus> change) {
    return StatusWrites.edit(client, Pod.class, namespace, name, latest -> {
      if (latest.getStatus() == null) {
        latest.setStatus(new PodStatus());
      }
      change.accept(latest.getStatus());
    });
  }

  private static List<ContainerStatus> waiting(List<Container> containers, String reason) {
    List<ContainerStatus> statuses = new ArrayList<>();
    for (Container container : containers) {
      statuses.add(base(container).withState(waitingState(reason, null)).build());
    }
    return statuses;
  }

  private static ContainerStatus runningStatus(Container container, LocalContainer local) {
    return base(container).withContainerID("local://" + local.pid()).withStarted(true).withReady(true)
        .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(local.startedAt().toString()).endRunning().build())
        .build();
  }

  private static ContainerStatus terminated(Container container, LocalContainer.Ended ended) {
    String reason = ended.exitCode() == 0 ? "Completed" : ended.exitCode() == START_ERROR ? "StartError" : "Error";
    return base(container).withStarted(false).withReady(false)
        .withState(new ContainerStateBuilder().withNewTerminated()
            .withExitCode(ended.exitCode()).withReason(reason).withMessage(ended.message())
            .withStartedAt(ended.startedAt().toString()).withFinishedAt(ended.finishedAt().toString())
            .endTerminated().build())
        .build();
  }

  private static ContainerStatusBuilder base(Container container) {
    return new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
        .withImageID("").withRestartCount(0).withReady(false).withStarted(false);
  }

  private static ContainerState waitingState(String reason, String message) {
    return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
  }

  private static void replace(List<ContainerStatus> statuses, ContainerStatus status) {
    statuses.replaceAll(existing -> existing.getName().equals(status.getName()) ? status : existing);
  }

  private static PodCondition condition(String type, boolean status, String reason) {
    return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False").withReason(reason)
        .withLastTransitionTime(Instant.now().toString()).build();
  }

  private static void setCondition(PodStatus status, PodCondition condition) {
    status.getConditions().removeIf(existing -> existing.getType().equals(condition.getType()));
    status.getConditions().add(condition);
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
