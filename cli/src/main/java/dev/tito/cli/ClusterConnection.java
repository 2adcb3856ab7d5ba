package dev.tito.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** How commands reach a cluster: the current kubeconfig context (or the pod's service account), like kubectl. */
@FunctionalInterface
public interface ClusterConnection {
  /** Where a pod's service-account token is: with it, in a pod, no kubeconfig is needed. */
  Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  ClusterConnection KUBECONFIG =
      namespace -> {
        String home = System.getenv().getOrDefault("HOME", "");
        Optional<String> missing =
            missingKubeconfig(
                System.getenv(),
                Path.of(home.isEmpty() ? System.getProperty("user.home") : home),
                Files::isRegularFile);
        if (missing.isPresent()) {
          throw new NoClusterException(missing.get());
        }
        Config config = Config.autoConfigure(null);
        // a person is waiting: an unreachable server is said after two retries, not after a minute
        // of backing off
        config.setRequestRetryBackoffLimit(2);
        if (namespace != null) {
          config.setNamespace(namespace);
        }
        return new KubernetesClientBuilder().withConfig(config).build();
      };

  /** @param namespace null for the context's namespace */
  KubernetesClient connect(String namespace);

  /** No cluster is configured at all: said at once, rather than after the client's retries to a default address. */
  final class NoClusterException extends RuntimeException {
    NoClusterException(String message) {
      super(message);
    }
  }

  /**
   * Why there is no cluster to talk to, as kubectl looks for one: {@code KUBECONFIG} (files separated by ':'), else
   * {@code $HOME/.kube/config}, else a pod's service account; empty when one is there.
   */
  static Optional<String> missingKubeconfig(
      Map<String, String> env, Path home, Predicate<Path> exists) {
    String kubeconfig = env.get("KUBECONFIG");
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      boolean any =
          Arrays.stream(kubeconfig.split(File.pathSeparator))
              .filter(path -> !path.isBlank())
              .map(Path::of)
              .anyMatch(exists);
      return any
          ? Optional.empty()
          : Optional.of(
              "no kubeconfig: KUBECONFIG is "
                  + kubeconfig
                  + ", which does not exist; point it at your cluster's kubeconfig");
    }
    Path config = home.resolve(".kube").resolve("config");
    if (exists.test(config)
        || env.containsKey("KUBERNETES_SERVICE_HOST") && exists.test(SERVICE_ACCOUNT_TOKEN)) {
      return Optional.empty();
    }
    return Optional.of(
        "no kubeconfig: KUBECONFIG is not set and "
            + config
            + " does not exist; point KUBECONFIG "
            + "at your cluster's kubeconfig (as for kubectl)");
  }
}
