package dev.tito.demo;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/** An in-process Kubernetes API (Fabric8's mock server in CRUD mode) with tito's CRDs installed and pod logs served. */
public final class LocalApiServer implements AutoCloseable {
  static final List<String> CRDS = List.of("classrooms.tito.dev-v1.yml", "assignments.tito.dev-v1.yml", "submissions.tito.dev-v1.yml");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final PodLogs logs = new PodLogs();

  public LocalApiServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
        new PodLogDispatcher(responses, logs), false);
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
    for (String crd : CRDS) {
      try (InputStream yaml = LocalApiServer.class.getResourceAsStream("/crds/" + crd)) {
        if (yaml == null) {
          throw new IllegalStateException("the CRD " + crd + " is not on the class path (crds/ is packaged with the demo)");
        }
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class)).create();
      } catch (IOException e) {
        throw new UncheckedIOException("reading the CRD " + crd, e);
      }
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
