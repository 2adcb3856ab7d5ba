package dev.tito.demo;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The Kubernetes the demo runs on: an API, the namespace of the sample course, and the node that runs its pods.
 *
 * @param client a client allowed everything the operator and the demo do
 * @param namespace where the samples are applied
 * @param stopApi stops the API and closes the client
 */
record DemoCluster(KubernetesClient client, String namespace, DemoKubelet kubelet, Runnable stopApi)
    implements AutoCloseable {
  /** Fabric8's mock server in this JVM, with {@link LocalKubelet} playing the Job and StatefulSet controllers too. */
  static DemoCluster inProcess(Demo.Settings settings) {
    LocalApiServer api = new LocalApiServer();
    // the Job controller's back-off before a failed pod's replacement, as in a cluster
    LocalKubelet kubelet =
        new LocalKubelet(
            api.client(),
            api.logs(),
            settings.folder(),
            settings.containers(),
            settings.parallel(),
            java.time.Duration.ofSeconds(10));
    return new DemoCluster(api.client(), "default", kubelet, api::close);
  }

  /** Starts the node's kubelet: after the operator, as in a cluster whose node joins a running control plane. */
  void startKubelet() {
    kubelet.start();
  }

  /** Stops the kubelet (killing the processes it runs), then the API. */
  @Override
  public void close() {
    kubelet.close();
    stopApi.run();
  }
}
