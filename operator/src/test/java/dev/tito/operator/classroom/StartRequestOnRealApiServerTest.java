package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.controlplane.RealApiServer;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A start request as the gateway makes it (a merge patch of the start annotation under its own field manager) on the
 * real API server, where the operator writes by server-side apply: the request is consumed, so a server stopped for
 * idleness later stays stopped instead of being started again by a request already served.
 */
class StartRequestOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();
  private static final FakeServerActivity activity = new FakeServerActivity();
  private static TitoOperator operator;

  @BeforeAll
  static void startTheOperator() throws IOException {
    OperatorOnMockServer.applyCrds(api.admin());
    operator =
        new TitoOperator(
            api.admin(),
            OperatorConfig.local(Duration.ofMillis(200)).watching(Set.of(api.namespace())),
            activity,
            Clock.systemUTC());
    operator.start();
  }

  @AfterAll
  static void stopTheOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aServerStartedByTheGatewayIsStoppedWhenIdleAndStaysStopped() throws InterruptedException {
    String ns = api.namespace();
    Classroom classroom = OperatorOnMockServer.classroom(ns, "ml", "ada");
    classroom.getSpec().environment.startOnProvision = false;
    classroom.getSpec().environment.idleTimeout = "1m";
    api.admin().resource(classroom).create();
    Eventually.until(
        "ada's stopped server",
        Duration.ofSeconds(30),
        () -> server(ns),
        s -> s != null,
        () -> null);

    api.admin()
        .apps()
        .statefulSets()
        .inNamespace(ns)
        .withName("ml-ada")
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.JSON_MERGE)
                .withFieldManager("tito-gateway")
                .build(),
            "{\"metadata\":{\"annotations\":{\""
                + ServerState.START_REQUEST
                + "\":\""
                + Instant.now()
                + "\"}}}");
    StatefulSet started =
        Eventually.until(
            "started and the request consumed",
            Duration.ofSeconds(30),
            () -> server(ns),
            s ->
                s.getSpec().getReplicas() == 1
                    && !s.getMetadata().getAnnotations().containsKey(ServerState.START_REQUEST),
            () -> null);
    assertThat(started.getMetadata().getAnnotations()).doesNotContainKey(ServerState.STOP_REASON);

    activity.lastActive("ml-ada", ns, Instant.now().minus(Duration.ofMinutes(10)));
    Eventually.until(
        "stopped for idleness",
        Duration.ofSeconds(30),
        () -> server(ns),
        s -> s.getSpec().getReplicas() == 0,
        () -> null);
    Thread.sleep(2_000);

    StatefulSet later = server(ns);
    assertThat(later.getSpec().getReplicas()).isZero();
    assertThat(later.getMetadata().getAnnotations()).containsEntry(ServerState.STOP_REASON, "Idle");
  }

  private static StatefulSet server(String ns) {
    return api.admin().apps().statefulSets().inNamespace(ns).withName("ml-ada").get();
  }
}
