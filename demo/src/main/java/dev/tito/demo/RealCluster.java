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
final class RealCluster {
  static final String NAMESPACE = "tito-demo";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private RealCluster() {}

  static DemoCluster start(ControlPlaneBinaries binaries, Demo.Settings settings)
      throws IOException {
    Path folder = settings.folder().resolve("control-plane");
    // a fresh cluster each run: the last run's objects would clash with the samples applied again
    deleteRecursively(folder);
    ControlPlane controlPlane =
        ControlPlane.start(binaries, folder, ControlPlane.Options.defaults());
    KubernetesClient client = controlPlane.adminClient();
    DemoCluster cluster =
        new DemoCluster(
            client,
            NAMESPACE,
            new RealApiKubelet(
                client, NAMESPACE, settings.folder(), settings.containers(), settings.parallel()),
            () -> {
              client.close();
              controlPlane.close();
            });
    try {
      TitoCrds.apply(client, PATIENCE);
      RestrictedNamespace.create(client, NAMESPACE);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
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
