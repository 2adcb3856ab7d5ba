package dev.tito.operator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import dev.tito.operator.classroom.Eventually;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator provisions a class while the API server fails a share of its requests (500, 503, 429, 409) and
 * drops its watches: it converges, with every student's objects made once, and keeps serving /healthz.
 */
class ApiFaultsTest {
  static final String NAMESPACE = "faulty";
  static final String IMAGE = "quay.io/jupyter/minimal-notebook@sha256:" + "a".repeat(64);
  private static final int STUDENTS = Integer.getInteger("faults.students", 60);

  @ParameterizedTest(name = "{0} of requests fail")
  @CsvSource({"0.05, 11", "0.20, 12"})
  void aClassConvergesWhileTheApiFails(double rate, long seed) throws Exception {
    try (FaultyApiServer api = new FaultyApiServer(rate, seed);
        KubernetesClient operatorClient = api.operatorClient();
        TitoOperator operator = started(operatorClient)) {
      Classroom classroom = api.client.resource(classroom(STUDENTS)).create();
      List<String> tokensAtFirstSight = tokens(api.client);

      // what the kubelet reports once each server's pod runs; the operator counts it through
      // dropped watches
      Eventually.until(
          "a server per student",
          Duration.ofMinutes(3),
          () -> api.client.apps().statefulSets().inNamespace(NAMESPACE).list().getItems(),
          servers -> servers.size() == STUDENTS,
          () -> "faults so far: " + api.faults.injected());
      api.client
          .apps()
          .statefulSets()
          .inNamespace(NAMESPACE)
          .list()
          .getItems()
          .forEach(s -> markReady(api.client, s));

      Classroom ready =
          Eventually.until(
              "Ready with every student",
              Duration.ofMinutes(3),
              () -> api.client.resource(classroom).get(),
              c ->
                  c.getStatus() != null
                      && c.getStatus().ready == STUDENTS
                      && c.getStatus().conditions.stream()
                          .anyMatch(
                              k -> "Ready".equals(k.getType()) && "True".equals(k.getStatus())),
              () -> "faults so far: " + api.faults.injected());

      assertThat(ready.getStatus().total).isEqualTo(STUDENTS);
      assertThat(api.client.persistentVolumeClaims().inNamespace(NAMESPACE).list().getItems())
          .hasSize(STUDENTS);
      assertThat(api.client.services().inNamespace(NAMESPACE).list().getItems()).hasSize(STUDENTS);
      // a regenerated access token would lock a student out of their server: each was made once
      List<String> tokens = tokens(api.client);
      assertThat(tokens).hasSize(STUDENTS);
      assertThat(tokens).containsAll(tokensAtFirstSight);
      assertThat(healthz(operator.httpPort())).isEqualTo(200);
      assertThat(api.faults.injected().values().stream().mapToLong(Long::longValue).sum())
          .isPositive();
      System.out.printf(
          "api faults at %.0f%%: %d requests, injected %s, converged%n",
          rate * 100, api.faults.requests(), api.faults.injected());
    }
  }

  /** The operator in this JVM on that client, started: no Jupyter activity, five minutes between reconciles. */
  static TitoOperator started(KubernetesClient client) {
    TitoOperator operator =
        new TitoOperator(
            client,
            OperatorConfig.local(Duration.ofMinutes(5)),
            (uri, token) -> Optional.empty(),
            Clock.systemUTC());
    operator.start();
    return operator;
  }

  static Classroom classroom(int students) {
    return classroom(NAMESPACE, students);
  }

  static Classroom classroom(String namespace, int students) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.getMetadata().setNamespace(namespace);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = IMAGE;
    classroom.getSpec().roster.students =
        new java.util.ArrayList<>(
            IntStream.range(0, students)
                .mapToObj(i -> new RosterStudent(String.format("s%04d", i)))
                .toList());
    return classroom;
  }

  /** Each student's access token as created: "name=value", sorted. */
  static List<String> tokens(KubernetesClient client) {
    return tokens(client, NAMESPACE);
  }

  static List<String> tokens(KubernetesClient client, String namespace) {
    return client.secrets().inNamespace(namespace).list().getItems().stream()
        .filter(s -> s.getMetadata().getName().endsWith("-token"))
        .map(s -> s.getMetadata().getName() + "=" + s.getData())
        .sorted()
        .toList();
  }

  static void markReady(KubernetesClient client, StatefulSet server) {
    for (int attempt = 1; ; attempt++) {
      try {
        StatefulSet latest = client.resource(server).get();
        latest.setStatus(
            new StatefulSetStatusBuilder()
                .withReplicas(1)
                .withReadyReplicas(1)
                .withAvailableReplicas(1)
                .build());
        client.resource(latest).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }

  static int healthz(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/healthz")).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
