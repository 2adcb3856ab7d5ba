package dev.tito.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/** An in-process Kubernetes API (Fabric8's mock server in CRUD mode) with tito's CRDs installed and pod logs served. */
public final class LocalApiServer implements AutoCloseable {
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final PodLogs logs = new PodLogs();

  public LocalApiServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new PodLogDispatcher(responses, logs),
            false);
    server.init();
    client = server.createClient();
    installCrds();
  }

  public KubernetesClient client() {
    return client;
  }

  public PodLogs logs() {
    return logs;
  }

  /** The generated CRDs, as Helm installs them. */
  private void installCrds() {
    TitoCrds.read(client).forEach(crd -> client.resource(crd).create());
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
