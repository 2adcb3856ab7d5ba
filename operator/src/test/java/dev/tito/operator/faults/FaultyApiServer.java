package dev.tito.operator.faults;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;

/** The in-process API with injected faults, the CRDs installed, and a client for the test that faults spare. */
final class FaultyApiServer implements AutoCloseable {
  static final String TEST_AGENT = "tito-fault-test";

  final FaultInjectingDispatcher faults;
  final KubernetesMockServer server;

  /** The test's own client (a person with kubectl): never given faults. */
  final KubernetesClient client;

  FaultyApiServer(double rate, long seed) {
    faults = new FaultInjectingDispatcher(rate, seed, TEST_AGENT);
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), faults, false);
    server.init();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(server.createClient().getConfiguration())
                    .withUserAgent(TEST_AGENT)
                    .build())
            .build();
    try {
      dev.tito.operator.classroom.OperatorOnMockServer.installCrds(client);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client as the operator has one: its requests get the faults. */
  KubernetesClient operatorClient() {
    return server.createClient();
  }

  String url() {
    return client.getConfiguration().getMasterUrl();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
