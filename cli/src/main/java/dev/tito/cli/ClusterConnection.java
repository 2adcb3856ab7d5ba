package dev.tito.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** How commands reach a cluster: the current kubeconfig context (or the pod's service account), like kubectl. */
@FunctionalInterface
public interface ClusterConnection {
  ClusterConnection KUBECONFIG = namespace -> {
    Config config = Config.autoConfigure(null);
    if (namespace != null) {
      config.setNamespace(namespace);
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  };

  /** @param namespace null for the context's namespace */
  KubernetesClient connect(String namespace);
}
