package dev.tito.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** How the local kubelet runs a pod's containers: as local processes ({@link LocalImages}) or in podman ({@link PodmanContainers}). */
interface Containers {
  /** How pods run, as the demo's first line says it: "pods as processes", "pods in podman containers ...". */
  String how();

  /** Why pods cannot run here (one line for the user), or empty. */
  Optional<String> unavailable();

  /**
   * Readies the pod's volumes (already written to local folders) for its containers.
   *
   * @param volumes each volume's local folder, by name
   * @param podFolder the pod's folder: its volumes, logs and termination messages
   */
  PodContainers open(Pod pod, Map<String, Path> volumes, Path podFolder) throws IOException;

  /** The containers of one pod; closed once the pod's last container ended. */
  interface PodContainers extends AutoCloseable {
    /**
     * Starts the container, its output (stdout and stderr) going to {@code log}.
     *
     * @throws IllegalArgumentException when the container cannot run here (one line saying why)
     */
    LocalContainer start(Container container, Path log) throws IOException;

    /** Undoes what {@link #open} did to the pod's volumes. */
    @Override
    void close();
  }
}
