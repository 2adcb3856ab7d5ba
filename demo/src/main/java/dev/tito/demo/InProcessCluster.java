package dev.tito.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/** Fabric8's mock server in this JVM, with {@link LocalKubelet} playing the Job and StatefulSet controllers too. */
final class InProcessCluster implements DemoCluster {
  private final LocalApiServer api;
  private final LocalKubelet kubelet;

  InProcessCluster(Demo.Settings settings) {
    api = new LocalApiServer();
    // the Job controller's back-off before a failed pod's replacement, as in a cluster
    kubelet = new LocalKubelet(api.client(), api.logs(), settings.folder(), settings.images(), settings.parallel(),
        Duration.ofSeconds(10));
  }

  @Override
  public KubernetesClient client() {
    return api.client();
  }

  @Override
  public String namespace() {
    return "default";
  }

  @Override
  public void startKubelet() {
    kubelet.start();
  }

  @Override
  public void close() {
    kubelet.close();
    api.close();
  }
}
