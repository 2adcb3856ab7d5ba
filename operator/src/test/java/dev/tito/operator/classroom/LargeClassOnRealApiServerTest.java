package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ConfigMapKey;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.controlplane.AuditLog;
import dev.tito.controlplane.ControlPlane;
import dev.tito.controlplane.RealApiServer;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Large classes provisioned on a real API server whose service range holds 14 addresses: 500 students inline and
 * 2,000 from a CSV roster, every student's Role written before its binding, no write refused and no cluster IP taken.
 */
class LargeClassOnRealApiServerTest {
  @RegisterExtension
  static final RealApiServer api =
      new RealApiServer(ControlPlane.Options.defaults().withServiceRange("10.98.0.0/28"));

  private static final String OPERATOR = "operator";
  private static KubernetesClient operatorClient;
  private static TitoOperator operator;
  private static String csvNamespace;

  @BeforeAll
  static void startTheOperatorUnderAnAccountOfItsOwn() throws IOException {
    OperatorOnMockServer.applyCrds(api.admin());
    csvNamespace = api.createNamespace("csv");
    // an account of its own, so the audit log tells its requests from the test's
    operatorClient =
        new KubernetesClientBuilder()
            .withConfig(api.controlPlane().clusterAdminAccountConfig(api.namespace(), OPERATOR))
            .build();
    operator =
        new TitoOperator(
            operatorClient,
            OperatorConfig.local(Duration.ofMinutes(5))
                .watching(Set.of(api.namespace(), csvNamespace)),
            new FakeServerActivity(),
            Clock.systemUTC());
    operator.start();
  }

  @AfterAll
  static void stopTheOperator() {
    if (operator != null) {
      operator.close();
      operatorClient.close();
    }
  }

  @Test
  void fiveHundredInlineAndTwoThousandCsvStudentsAreProvisionedWithoutAFailedWrite() {
    Classroom inline = OperatorOnMockServer.classroom(api.namespace(), "inline");
    inline.getSpec().roster.students =
        new ArrayList<>(ids("i", 500).stream().map(RosterStudent::new).toList());
    api.admin().resource(inline).create();
    api.admin()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("roster")
                .withNamespace(csvNamespace)
                .endMetadata()
                .addToData(
                    "roster.csv",
                    "id,name\n"
                        + ids("s", 2000).stream()
                            .map(id -> id + ",Student " + id + "\n")
                            .collect(Collectors.joining()))
                .build())
        .create();
    Classroom csv = OperatorOnMockServer.classroom(csvNamespace, "csv");
    csv.getSpec().roster.students = null;
    csv.getSpec().roster.configMapRef = new ConfigMapKey();
    csv.getSpec().roster.configMapRef.name = "roster";
    api.admin().resource(csv).create();

    waitForEveryBinding(api.namespace(), 500);
    waitForEveryBinding(csvNamespace, 2000);

    List<AuditLog.Request> requests =
        new AuditLog(api.controlPlane().auditLog())
            .by("system:serviceaccount:" + api.namespace() + ":" + OPERATOR);
    assertThat(
            requests.stream()
                .filter(r -> r.isWrite() && r.code() >= 400)
                .map(AuditLog.Request::toString)
                .limit(5))
        .as("writes the API server refused")
        .isEmpty();
    assertThat(api.admin().services().inNamespace(csvNamespace).list().getItems())
        .hasSize(2000)
        .allSatisfy(service -> assertThat(service.getSpec().getClusterIP()).isEqualTo("None"));
    assertThat(
            api.admin()
                .resources(Classroom.class)
                .inNamespace(csvNamespace)
                .withName("csv")
                .get()
                .getStatus()
                .conditions)
        .noneMatch(c -> "ApplyFailed".equals(c.getReason()));
  }

  private static void waitForEveryBinding(String namespace, int students) {
    Eventually.until(
        students + " students' role bindings in " + namespace,
        Duration.ofMinutes(6),
        () ->
            api.admin()
                .rbac()
                .roleBindings()
                .inNamespace(namespace)
                .withLabel(ClassroomLabels.CLASSROOM)
                .list()
                .getItems()
                .size(),
        count -> count == students,
        () -> null);
  }

  private static List<String> ids(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
  }
}
