package dev.tito.operator.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.controlplane.RealApiServer;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A class whose every server the API server refuses with a server error (an admission webhook nobody answers) must not
 * hold up another class: its failures are told on its own Classroom while the other is provisioned.
 */
class FailingWritesOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();
  private static TitoOperator operator;
  private static String failing;
  private static String healthy;

  @BeforeAll
  static void startTheOperatorWithAWebhookThatFailsOneNamespace() throws IOException {
    OperatorOnMockServer.applyCrds(api.admin());
    failing = api.namespace();
    healthy = api.createNamespace("healthy");
    // nothing listens on port 1: each server, Service and account create in the failing namespace
    // is answered 500
    api.admin()
        .resource(
            new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName("refuse-" + failing)
                .endMetadata()
                .addNewWebhook()
                .withName("refuse.tito.dev")
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withFailurePolicy("Fail")
                .withTimeoutSeconds(1)
                .withNewClientConfig()
                .withUrl("https://127.0.0.1:1/refuse")
                .endClientConfig()
                .withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", failing)
                .endNamespaceSelector()
                .addNewRule()
                .withApiGroups("apps")
                .withApiVersions("v1")
                .withResources("statefulsets")
                .withOperations("CREATE")
                .endRule()
                .addNewRule()
                .withApiGroups("")
                .withApiVersions("v1")
                .withResources("services", "serviceaccounts")
                .withOperations("CREATE")
                .endRule()
                .endWebhook()
                .build())
        .create();
    operator =
        new TitoOperator(
            api.admin(),
            OperatorConfig.local(Duration.ofSeconds(60)).watching(Set.of(failing, healthy)),
            new FakeServerActivity(),
            Clock.systemUTC());
    operator.start();
  }

  @AfterAll
  static void stopTheOperator() {
    if (operator != null) {
      operator.close();
    }
    api.admin()
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withName("refuse-" + failing)
        .delete();
  }

  @Test
  void anotherClassIsProvisionedWhileOneClassesWritesFail() {
    api.admin()
        .resource(
            OperatorOnMockServer.classroom(
                failing,
                "big",
                IntStream.rangeClosed(1, 60).mapToObj(i -> "s" + i).toArray(String[]::new)))
        .create();
    Eventually.until(
        "the failing class's first writes",
        Duration.ofSeconds(30),
        () ->
            api.admin()
                .secrets()
                .inNamespace(failing)
                .withLabel(ClassroomLabels.CLASSROOM, "big")
                .list()
                .getItems(),
        tokens -> !tokens.isEmpty(),
        () -> null);

    api.admin()
        .resource(OperatorOnMockServer.classroom(healthy, "small", "ada", "ben", "eve"))
        .create();

    Eventually.until(
        "the other class's three servers",
        Duration.ofSeconds(20),
        () -> api.admin().apps().statefulSets().inNamespace(healthy).list().getItems(),
        servers -> servers.size() == 3,
        () -> null);
    Classroom big =
        Eventually.until(
            "the failing class told why",
            Duration.ofSeconds(60),
            () -> api.admin().resources(Classroom.class).inNamespace(failing).withName("big").get(),
            c ->
                c.getStatus() != null
                    && c.getStatus().conditions.stream()
                        .anyMatch(r -> "ApplyFailed".equals(r.getReason())),
            () -> null);
    assertThat(big.getStatus().conditions)
        .anySatisfy(
            c -> assertThat(c.getMessage()).contains("writes failed", "big-s", "refuse.tito.dev"));
    assertThat(
            api.admin()
                .resources(Classroom.class)
                .inNamespace(healthy)
                .withName("small")
                .get()
                .getStatus()
                .conditions)
        .noneMatch(c -> "ApplyFailed".equals(c.getReason()));
  }
}
