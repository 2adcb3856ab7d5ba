package dev.tito.operator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.controlplane.AuditLog;
import dev.tito.controlplane.ControlPlane;
import dev.tito.controlplane.RealApiServer;
import dev.tito.operator.TitoOperator;
import dev.tito.operator.classroom.Eventually;
import dev.tito.operator.classroom.OperatorOnMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ApiFaultsTest on a real control plane: the operator provisions a class while the API server refuses a share of its
 * writes (500, 503, 429 and, on updates and deletes, 409: {@link FaultyAdmissionWebhook}) and is killed and started
 * again twice (every request fails meanwhile and every watch breaks). It converges with every student's objects made
 * once, provisions students added after the restarts (its watches came back) and keeps serving /healthz.
 */
class ApiFaultsOnRealApiServerTest {
  /** A control plane of its own: its API server is restarted. */
  @RegisterExtension
  static final RealApiServer api = new RealApiServer(ControlPlane.Options.defaults());

  private static final int STUDENTS = Integer.getInteger("faults.students", 60);
  private static final int ADDED = 10;
  private static final Set<Integer> FAULT_CODES = Set.of(500, 503, 429, 409);

  @BeforeAll
  static void installCrds() throws IOException {
    OperatorOnMockServer.applyCrds(api.admin());
  }

  @ParameterizedTest(name = "{0} of writes fail")
  @CsvSource({"0.05, 11", "0.20, 12"})
  void aClassConvergesWhileTheApiFailsAndRestarts(double rate, long seed) throws Exception {
    String namespace = api.createNamespace("faulty");
    String user = "system:serviceaccount:" + namespace + ":tito-operator";
    KubernetesClient admin = api.admin();
    try (KubernetesClient operatorClient =
            new KubernetesClientBuilder()
                .withConfig(
                    api.controlPlane().clusterAdminAccountConfig(namespace, "tito-operator"))
                .build();
        FaultyAdmissionWebhook faults =
            new FaultyAdmissionWebhook(
                admin, namespace, user, rate, seed, Path.of("target", "faulty-webhook"));
        TitoOperator operator = ApiFaultsTest.started(operatorClient)) {
      Classroom classroom = admin.resource(ApiFaultsTest.classroom(namespace, STUDENTS)).create();
      List<String> tokensAtFirstSight = ApiFaultsTest.tokens(admin, namespace);
      for (int third = 1; third <= 2; third++) {
        int servers = STUDENTS * third / 3;
        Eventually.until(
            servers + " servers before the API server's restart",
            Duration.ofMinutes(3),
            () -> servers(namespace),
            made -> made >= servers,
            () -> "faults so far: " + faults.injected());
        api.controlPlane().restartApiServer();
      }
      converged(namespace, STUDENTS, faults);
      List<String> tokens = ApiFaultsTest.tokens(admin, namespace);

      // as kubectl patch sends it: no resourceVersion to meet the operator's status writes
      classroom
          .getSpec()
          .roster
          .students
          .addAll(IntStream.range(0, ADDED).mapToObj(i -> new RosterStudent("late" + i)).toList());
      admin
          .resources(Classroom.class)
          .inNamespace(namespace)
          .withName("ml")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              admin
                  .getKubernetesSerialization()
                  .asJson(Map.of("spec", Map.of("roster", classroom.getSpec().roster))));
      converged(namespace, STUDENTS + ADDED, faults);

      // a regenerated access token would lock a student out of their server: each was made once
      assertThat(tokens).hasSize(STUDENTS).containsAll(tokensAtFirstSight);
      assertThat(ApiFaultsTest.tokens(admin, namespace)).containsAll(tokens);
      assertThat(ApiFaultsTest.healthz(operator.httpPort())).isEqualTo(200);
      Map<String, Long> refused =
          new AuditLog(api.controlPlane().auditLog())
              .by(user).stream()
                  .filter(r -> FAULT_CODES.contains(r.code()))
                  .collect(
                      Collectors.groupingBy(
                          r -> String.valueOf(r.code()),
                          java.util.TreeMap::new,
                          Collectors.counting()));
      assertThat(refused).as("the operator's requests the API server refused").isNotEmpty();
      System.out.printf(
          "real api faults at %.0f%%: %d of the operator's writes seen, injected %s, refused by the "
              + "API server %s, 2 restarts, converged%n",
          rate * 100, faults.requests(), faults.injected(), refused);
    }
  }

  /**
   * Waits for the Classroom to count every student and for each student's objects (server, Service, home, role
   * binding, token) to exist once; the namespace is the class's own.
   */
  private static void converged(String namespace, int students, FaultyAdmissionWebhook faults) {
    Eventually.until(
        "every one of " + students + " students provisioned",
        Duration.ofMinutes(3),
        () ->
            List.of(
                servers(namespace),
                api.admin().services().inNamespace(namespace).list().getItems().size(),
                api.admin()
                    .persistentVolumeClaims()
                    .inNamespace(namespace)
                    .list()
                    .getItems()
                    .size(),
                api.admin().rbac().roleBindings().inNamespace(namespace).list().getItems().size(),
                ApiFaultsTest.tokens(api.admin(), namespace).size(),
                total(namespace)),
        counts -> counts.stream().allMatch(c -> c == students),
        () -> "faults so far: " + faults.injected());
  }

  private static int total(String namespace) {
    Classroom classroom =
        api.admin().resources(Classroom.class).inNamespace(namespace).withName("ml").get();
    return classroom.getStatus() == null || classroom.getStatus().total == null
        ? -1
        : classroom.getStatus().total;
  }

  private static int servers(String namespace) {
    return api.admin().apps().statefulSets().inNamespace(namespace).list().getItems().size();
  }
}
