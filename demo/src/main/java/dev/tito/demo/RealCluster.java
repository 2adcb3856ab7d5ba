package dev.tito.demo;

import dev.tito.controlplane.ControlPlane;
import dev.tito.controlplane.ControlPlaneBinaries;
import dev.tito.controlplane.RestrictedNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real control plane started in {@code <folder>/control-plane} (etcd, kube-apiserver, kube-controller-manager),
 * tito's CRDs applied, the course's namespace labelled {@code restricted} as a platform team's would be, and
 * {@link RealApiKubelet} as its one node.
 */
final class RealCluster implements DemoCluster {
  static final String NAMESPACE = "tito-demo";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final ControlPlane controlPlane;
  private final KubernetesClient client;
  private final RealApiKubelet kubelet;

  private RealCluster(ControlPlane controlPlane, Demo.Settings settings) {
    this.controlPlane = controlPlane;
    this.client = controlPlane.adminClient();
    this.kubelet = new RealApiKubelet(client, NAMESPACE, settings.folder(), settings.images(), settings.parallel());
  }

  static RealCluster start(ControlPlaneBinaries binaries, Demo.Settings settings) throws IOException {
    Path folder = settings.folder().resolve("control-plane");
    // a fresh cluster each run: the last run's objects would clash with the samples applied again
    deleteRecursively(folder);
    RealCluster cluster = new RealCluster(ControlPlane.start(binaries, folder, ControlPlane.Options.defaults()), settings);
    try {
      TitoCrds.apply(cluster.client, PATIENCE);
      RestrictedNamespace.create(cluster.client, NAMESPACE);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public void startKubelet() {
    kubelet.start();
  }

  @Override
  public void close() {
    kubelet.close();
    client.close();
    controlPlane.close();
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
