package dev.tito.controlplane;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The kubelet's part for a real control plane without a container runtime: a {@link KubeletEndpoint} (a Ready node
 * at 127.0.0.1 serving containers' logs to the API server's {@code pods/log}) that binds the pods a test hands it and
 * writes their ends as the kubelet would (phase, container states, exit codes, reasons) with the logs the test
 * scripted. The real Job, StatefulSet and garbage-collector controllers do the rest.
 */
public final class TestKubelet implements AutoCloseable {
  /** How a pod ends, and what each container logged. */
  public record Outcome(
      String phase,
      List<ContainerStatus> initContainers,
      List<ContainerStatus> containers,
      Map<String, String> logs) {}

  private final KubernetesClient admin;
  private final KubeletEndpoint endpoint;
  private final Map<String, Map<String, String>> logs = new ConcurrentHashMap<>();
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  private final ExecutorService work =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "test-kubelet");
            thread.setDaemon(true);
            return thread;
          });
  private final SharedIndexInformer<Pod> pods;

  /**
   * @param outcomes a pod's end, or null to leave it pending (not this kubelet's)
   */
  public TestKubelet(
      KubernetesClient admin,
      String namespace,
      String nodeName,
      Path folder,
      Function<Pod, Outcome> outcomes) {
    this.admin = admin;
    this.endpoint = KubeletEndpoint.register(admin, nodeName, folder, this::log);
    this.pods =
        admin
            .pods()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    work.submit(() -> run(pod, outcomes));
                  }

                  @Override
                  public void onUpdate(Pod before, Pod pod) {
                    work.submit(() -> run(pod, outcomes));
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknownFinalState) {
                    logs.remove(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
                  }
                });
  }

  private void run(Pod pod, Function<Pod, Outcome> outcomes) {
    if (pod.getMetadata().getDeletionTimestamp() != null
        || !handled.add(pod.getMetadata().getUid())) {
      return;
    }
    Outcome outcome = outcomes.apply(pod);
    if (outcome == null) {
      handled.remove(pod.getMetadata().getUid());
      return;
    }
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    try {
      if (!endpoint.bind(pod)) {
        return;
      }
      logs.put(key(namespace, name), outcome.logs());
      String now = Instant.now().toString();
      admin
          .pods()
          .inNamespace(namespace)
          .withName(name)
          .editStatus(
              p -> {
                p.setStatus(
                    new PodStatusBuilder()
                        .withPhase(outcome.phase())
                        .withHostIP("127.0.0.1")
                        .withPodIP(endpoint.nextPodIp())
                        .withStartTime(now)
                        .withConditions(
                            new PodConditionBuilder()
                                .withType("PodScheduled")
                                .withStatus("True")
                                .withLastTransitionTime(now)
                                .build())
                        .withInitContainerStatuses(outcome.initContainers())
                        .withContainerStatuses(outcome.containers())
                        .build());
                return p;
              });
    } catch (KubernetesClientException e) {
      // deleted meanwhile (a Job removed by its owner): a real kubelet would stop too
    }
  }

  private byte[] log(String namespace, String pod, String container, long limitBytes) {
    Map<String, String> podLogs = logs.get(key(namespace, pod));
    String log = podLogs == null ? null : podLogs.get(container);
    if (log == null) {
      return null;
    }
    byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
    return bytes.length <= limitBytes ? bytes : java.util.Arrays.copyOf(bytes, (int) limitBytes);
  }

  /** A pod whose containers, init containers first, all ran to their end with exit code 0 and logged {@code logs}. */
  public static Outcome succeeded(Pod pod, Map<String, String> logs) {
    return new Outcome(
        "Succeeded",
        pod.getSpec().getInitContainers().stream()
            .map(c -> terminated(c.getName(), 0, "Completed"))
            .toList(),
        pod.getSpec().getContainers().stream()
            .map(c -> terminated(c.getName(), 0, "Completed"))
            .toList(),
        logs);
  }

  /** A container that ran to its end. */
  public static ContainerStatus terminated(String name, int exitCode, String reason) {
    String now = Instant.now().toString();
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage("test")
        .withImageID("test")
        .withReady(false)
        .withRestartCount(0)
        .withNewState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason(reason)
        .withStartedAt(now)
        .withFinishedAt(now)
        .endTerminated()
        .endState()
        .build();
  }

  /** A container that has not started (its pod's init containers have not finished). */
  public static ContainerStatus waiting(String name, String reason) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage("test")
        .withImageID("")
        .withReady(false)
        .withRestartCount(0)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .endWaiting()
        .endState()
        .build();
  }

  private static String key(String namespace, String pod) {
    return namespace + "/" + pod;
  }

  @Override
  public void close() {
    pods.close();
    work.shutdownNow();
    endpoint.close();
  }
}
