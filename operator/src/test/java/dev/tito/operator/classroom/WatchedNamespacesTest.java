package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An operator configured with TITO_WATCH_NAMESPACES leaves Classrooms elsewhere alone. */
@EnableKubernetesMockClient(crud = true)
class WatchedNamespacesTest {
  static KubernetesClient client;

  @Test
  void onlyClassroomsInWatchedNamespacesAreProvisioned() throws Exception {
    OperatorOnMockServer.installCrds(client);
    OperatorConfig config = OperatorConfig.local(Duration.ofMinutes(1)).watching(Set.of("watched"));
    try (TitoOperator operator =
        new TitoOperator(
            client, config, (uri, token) -> java.util.Optional.empty(), Clock.systemUTC())) {
      operator.start();
      client.resource(classroom("elsewhere")).create();
      Classroom watched = client.resource(classroom("watched")).create();

      Eventually.until(
          "watched classroom provisioned",
          () -> client.resource(watched).get(),
          c -> c.getStatus() != null && c.getStatus().total == 1);

      assertThat(client.apps().statefulSets().inNamespace("watched").withName("c-ada").get())
          .isNotNull();
      assertThat(client.apps().statefulSets().inNamespace("elsewhere").list().getItems()).isEmpty();
      assertThat(
              client
                  .resources(Classroom.class)
                  .inNamespace("elsewhere")
                  .withName("c")
                  .get()
                  .getStatus())
          .isNull();
    }
  }

  private static Classroom classroom(String namespace) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("c");
    classroom.getMetadata().setNamespace(namespace);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = OperatorOnMockServer.IMAGE;
    classroom.getSpec().roster.students =
        new java.util.ArrayList<>(List.of(new RosterStudent("ada")));
    return classroom;
  }
}
