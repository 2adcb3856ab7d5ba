package dev.tito.demo;

import dev.tito.controlplane.KubeletEndpoint;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The kubelet of a one-machine node on a real control plane, whose Job and StatefulSet controllers make the pods:
 * it registers the node and serves its containers' logs to the API server ({@link KubeletEndpoint}), binds the
 * namespace's unbound pods to it (there is no scheduler), runs a Job's pod as local processes ({@link LocalRuntime},
 * at most {@code parallel} at once; the others wait unbound, as on a full node), reports any other pod (a student's
 * server, the image pre-puller) Running and Ready without starting it, and completes the deletion of its pods once
 * their processes are killed.
 */
final class RealApiKubelet implements DemoKubelet {
  static final String NODE_NAME = LocalKubelet.NODE_NAME;

  private final KubernetesClient client;
  private final String namespace;
  private final Path folder;
  private final PodLogs logs = new PodLogs();
  private final LocalRuntime runtime;
  private final Set<String> taken = ConcurrentHashMap.newKeySet();

  /** The pods whose containers run here, by uid: set to stop them. */
  private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();

  private KubeletEndpoint endpoint;
  private SharedIndexInformer<Pod> pods;

  /**
   * @param folder where pods' volumes and logs go ({@code pods/<namespace>/<pod>}), claims' folders
   *     ({@code homes/<claim>}) and the kubelet's serving certificate ({@code kubelet/})
   * @param parallel pods run at once (a node's capacity)
   */
  RealApiKubelet(
      KubernetesClient client, String namespace, Path folder, Containers containers, int parallel) {
    this.client = client;
    this.namespace = namespace;
    this.folder = folder;
    this.runtime =
        new LocalRuntime(client, logs, folder, containers, parallel, () -> endpoint.nextPodIp());
  }

  @Override
  public void start() {
    endpoint = KubeletEndpoint.register(client, NODE_NAME, folder.resolve("kubelet"), logs::read);
    pods =
        client
            .pods()
            .inNamespace(namespace)
            .inform(
                new OnChange<>(
                    this::seen,
                    pod -> {
                      taken.remove(pod.getMetadata().getUid());
                      logs.forget(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
                    }));
  }

  private void seen(Pod pod) {
    String uid = pod.getMetadata().getUid();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      stop(pod);
    } else if (pod.getSpec().getNodeName() == null && taken.add(uid)) {
      if (ownedByJob(pod)) {
        AtomicBoolean stopped = new AtomicBoolean();
        running.put(uid, stopped);
        runtime.submit(
            "pod " + namespace + "/" + pod.getMetadata().getName(), () -> run(pod, stopped));
      } else if (endpoint.bind(pod)) {
        StatusWrites.edit(
            client,
            Pod.class,
            namespace,
            pod.getMetadata().getName(),
            latest ->
                latest.setStatus(
                    PodStatuses.runningAndReady(latest.getSpec(), endpoint.nextPodIp())));
      }
    }
  }

  /** Binds a Job's pod once a worker is free, runs it here, and ends its deletion if it was deleted meanwhile. */
  private void run(Pod pod, AtomicBoolean stopped) {
    try {
      if (stopped.get() || !endpoint.bind(pod)) {
        return;
      }
      Long seconds = pod.getSpec().getActiveDeadlineSeconds();
      runtime.run(pod, seconds == null ? null : Instant.now().plusSeconds(seconds), stopped::get);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      running.remove(pod.getMetadata().getUid());
      if (stopped.get()) {
        finishDeletion(pod);
      }
    }
  }

  /** A pod being deleted: its processes are killed (by the worker running it), then it is removed. */
  private void stop(Pod pod) {
    AtomicBoolean stopped = running.get(pod.getMetadata().getUid());
    if (stopped != null) {
      stopped.set(true);
    }
    // checked after setting: a worker that finished meanwhile may have missed the flag
    if (!running.containsKey(pod.getMetadata().getUid())) {
      finishDeletion(pod);
    }
  }

  /** What the kubelet does once a deleted pod's containers are gone: deletes it for good (grace period 0). */
  private void finishDeletion(Pod pod) {
    try {
      Pod current =
          client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get();
      // a StatefulSet's pod comes back under the same name: only this one is ended
      if (current != null
          && Objects.equals(current.getMetadata().getUid(), pod.getMetadata().getUid())
          && current.getMetadata().getDeletionTimestamp() != null) {
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod.getMetadata().getName())
            .withGracePeriod(0)
            .delete();
      }
    } catch (KubernetesClientException e) {
      // gone already, or the control plane is stopping
    }
  }

  private static boolean ownedByJob(Pod pod) {
    return pod.getMetadata().getOwnerReferences().stream()
        .anyMatch(
            owner -> "Job".equals(owner.getKind()) && Boolean.TRUE.equals(owner.getController()));
  }

  /** Stops watching, kills the processes still running and removes the node. */
  @Override
  public void close() {
    if (pods != null) {
      pods.close();
    }
    running.values().forEach(stopped -> stopped.set(true));
    runtime.close();
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
