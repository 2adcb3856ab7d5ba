package dev.tito.gateway.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.ConfigMapKey;
import dev.tito.controlplane.Eventually;
import dev.tito.controlplane.RealApiServer;
import dev.tito.gateway.classes.ActivityLog;
import dev.tito.gateway.classes.KubernetesClasses;
import dev.tito.gateway.classes.Progress;
import dev.tito.gateway.classes.RevokedSessions;
import dev.tito.gateway.classes.ServerRef;
import dev.tito.gateway.session.Session;
import dev.tito.operator.classroom.ServerState;
import dev.tito.operator.culling.GatewayActivity;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chart's gateway account on a real API server with RBAC: everything the gateway's code does in a class's namespace
 * is allowed (read the Classroom and its CSV roster, watch the servers, ask for a start, read a starting pod and the
 * token Secret by name, tell a failed start as an Event) and the rest is refused.
 */
class GatewayRbacOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();
  static final Path CHART = Path.of("../helm/tito-operator");

  @Test
  void theGatewaysAccountDoesItsWorkInTheClassNamespaceAndNothingElse() throws Exception {
    String system = api.createNamespace("tito-gw");
    String course = api.namespace();
    String other = api.createNamespace("other");
    installWithTheGateway(api.controlPlane().adminKubeconfig(), system, course).call();
    classWithOneStudent(course);
    other(other);

    try (KubernetesClient gateway =
            new KubernetesClientBuilder()
                .withConfig(
                    api.controlPlane().serviceAccountConfig(system, "tito-tito-operator-gateway"))
                .build();
        KubernetesClasses classes =
            new KubernetesClasses(gateway, List.of(course), Clock.systemUTC())) {
      classes.start();
      ServerRef ada = classes.refresh().serversOf("ada@example.edu").iterator().next();
      StatefulSet seen = awaitCached(classes, ada);
      classes.requestStart(ada);
      api.admin()
          .apps()
          .statefulSets()
          .inNamespace(course)
          .withName("ml-ada")
          .edit(
              s -> {
                s.getSpec().setReplicas(1);
                return s;
              });
      api.admin()
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("ml-ada-0")
                  .withNamespace(course)
                  .endMetadata()
                  .withNewSpec()
                  .withNewSecurityContext()
                  .withRunAsNonRoot(true)
                  .withNewSeccompProfile()
                  .withType("RuntimeDefault")
                  .endSeccompProfile()
                  .endSecurityContext()
                  .addNewContainer()
                  .withName("jupyter")
                  .withImage("jupyter@sha256:" + "0".repeat(64))
                  .withNewSecurityContext()
                  .withAllowPrivilegeEscalation(false)
                  .withNewCapabilities()
                  .withDrop("ALL")
                  .endCapabilities()
                  .endSecurityContext()
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
      api.admin()
          .pods()
          .inNamespace(course)
          .withName("ml-ada-0")
          .editStatus(
              p -> {
                p.getStatus()
                    .setContainerStatuses(
                        List.of(
                            new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                                .withName("jupyter")
                                .withImage("x")
                                .withImageID("")
                                .withReady(false)
                                .withRestartCount(0)
                                .withNewState()
                                .withNewWaiting()
                                .withReason("ImagePullBackOff")
                                .withMessage("not found")
                                .endWaiting()
                                .endState()
                                .build()));
                p.getStatus()
                    .setConditions(
                        List.of(
                            new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                                .withType("PodScheduled")
                                .withStatus("True")
                                .build()));
                return p;
              });
      awaitReplicas(classes, ada);
      Progress progress = classes.progress(ada);
      ActivityLog activity = new ActivityLog(gateway, Clock.systemUTC());
      activity.record(ada);
      activity.flush();
      activity.record(ada);
      activity.flush();

      assertThat(seen).isNotNull();
      assertThat(
              api.admin()
                  .apps()
                  .statefulSets()
                  .inNamespace(course)
                  .withName("ml-ada")
                  .get()
                  .getMetadata()
                  .getAnnotations())
          .containsKey(ServerState.START_REQUEST);
      assertThat(progress.step()).isEqualTo(Progress.Step.FAILED);
      assertThat(classes.token(ada)).isEqualTo("ada-token");
      assertThat(
              GatewayActivity.parse(
                  api.admin()
                      .configMaps()
                      .inNamespace(course)
                      .withName("ml-gateway-activity")
                      .get()
                      .getData()))
          .containsKey("ada");
      assertThat(
              Eventually.refused(
                  () ->
                      gateway
                          .configMaps()
                          .inNamespace(course)
                          .withName("roster")
                          .edit(
                              c -> {
                                c.getData()
                                    .put("students.csv", "id,email\nmallory,mallory@example.edu\n");
                                return c;
                              })))
          .as("the gateway editing a roster")
          .contains("writes no ConfigMap but");
      classes.tellOpened(ada, "grace@example.edu");
      assertThat(api.admin().v1().events().inNamespace(course).list().getItems())
          .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("ServerStartFailed"))
          .anySatisfy(
              e -> {
                assertThat(e.getReason()).isEqualTo("InstructorOpenedServer");
                assertThat(e.getType()).isEqualTo("Normal");
                assertThat(e.getMessage()).contains("grace@example.edu");
              });
      assertThat(
              Eventually.refused(GatewayRbacOnRealApiServerTest.changeAdasImage(gateway, course)))
          .as("the gateway changing a server's image")
          .contains("may only set a student server's tito.dev/start annotation");
      assertThat(
              Eventually.refused(
                  () ->
                      gateway
                          .apps()
                          .statefulSets()
                          .inNamespace(course)
                          .withName("ml-ada")
                          .edit(
                              s -> {
                                s.getMetadata()
                                    .getAnnotations()
                                    .put("tito.dev/stop-reason", "Forged");
                                return s;
                              })))
          .as("the gateway changing another annotation")
          .contains("tito.dev/start");
      for (Runnable refused :
          List.<Runnable>of(
              () -> gateway.secrets().inNamespace(course).list(),
              () -> gateway.secrets().inNamespace(other).withName("ml-ben-token").get(),
              () -> gateway.apps().statefulSets().inNamespace(course).withName("ml-ada").delete(),
              () -> gateway.pods().inNamespace(course).list(),
              () -> gateway.pods().inNamespace(course).withName("ml-ada-0").delete(),
              () -> gateway.configMaps().inNamespace(course).list(),
              () ->
                  gateway
                      .resources(Classroom.class)
                      .inNamespace(course)
                      .withName("ml")
                      .edit(c -> c),
              () -> gateway.resources(Classroom.class).inNamespace(other).list(),
              () -> gateway.rbac().roles().inNamespace(course).list())) {
        assertThatThrownBy(refused::run)
            .isInstanceOf(KubernetesClientException.class)
            .extracting(e -> ((KubernetesClientException) e).getCode())
            .isEqualTo(403);
      }
    }
  }

  @Test
  void aSignOutOnOneReplicaIsRefusedByTheOtherThroughTheOneConfigMapTheGatewayMayWrite()
      throws Exception {
    String system = api.createNamespace("tito-so");
    String course = api.createNamespace("course-so");
    installWithTheGateway(api.controlPlane().adminKubeconfig(), system, course).call();
    String name = "tito-tito-operator-gateway-signed-out";
    Session ada =
        new Session(
            "ada@example.edu",
            "ada-session-1",
            Instant.now().plus(Duration.ofHours(8)).getEpochSecond());
    Session stale =
        new Session(
            "ben@example.edu", "ben-session-0", Instant.now().minusSeconds(60).getEpochSecond());
    api.admin()
        .configMaps()
        .inNamespace(system)
        .withName(name)
        .edit(
            c -> {
              c.setData(
                  new java.util.HashMap<>(
                      Map.of("session." + stale.id(), Long.toString(stale.expires()))));
              return c;
            });

    try (KubernetesClient gateway =
            new KubernetesClientBuilder()
                .withConfig(
                    api.controlPlane().serviceAccountConfig(system, "tito-tito-operator-gateway"))
                .build();
        RevokedSessions first = new RevokedSessions(gateway, system, name, Clock.systemUTC());
        RevokedSessions second = new RevokedSessions(gateway, system, name, Clock.systemUTC())) {
      first.start();
      second.start();
      Eventually.holds(() -> first.revoked(stale), "the expired sign-out on the first replica");
      assertThat(second.revoked(ada)).isFalse();

      first.revoke(ada);

      assertThat(first.revoked(ada)).as("at once on the replica that signed ada out").isTrue();
      Eventually.holds(() -> second.revoked(ada), "ada's sign-out on the other replica");
      assertThat(api.admin().configMaps().inNamespace(system).withName(name).get().getData())
          .as("the expired entry went with the write")
          .containsOnlyKeys("session." + ada.id());
      assertThat(
              Eventually.refused(
                  () ->
                      gateway
                          .configMaps()
                          .inNamespace(system)
                          .withName("tito-tito-operator-gateway-session")
                          .edit(c -> c)))
          .as("any other ConfigMap of the gateway's namespace")
          .contains("forbidden");
    }
  }

  private static void classWithOneStudent(String ns) {
    api.admin()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("roster")
                .withNamespace(ns)
                .endMetadata()
                .addToData("students.csv", "id,name,email\nada,Ada,ADA@example.edu\n")
                .build())
        .create();
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.getMetadata().setNamespace(ns);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = "jupyter@sha256:" + "0".repeat(64);
    classroom.getSpec().roster.configMapRef = new ConfigMapKey();
    classroom.getSpec().roster.configMapRef.name = "roster";
    classroom.getSpec().roster.configMapRef.key = "students.csv";
    api.admin().resource(classroom).create();
    api.admin().resource(server(ns, "ada")).create();
    api.admin()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("ml-ada-token")
                .withNamespace(ns)
                .endMetadata()
                .addToData("token", Base64.getEncoder().encodeToString("ada-token".getBytes()))
                .build())
        .create();
  }

  private static void other(String ns) {
    api.admin()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("ml-ben-token")
                .withNamespace(ns)
                .endMetadata()
                .addToData("token", Base64.getEncoder().encodeToString("ben-token".getBytes()))
                .build())
        .create();
  }

  /** A write of ada's server that only the operator may make: another image. */
  static Runnable changeAdasImage(KubernetesClient client, String ns) {
    return () ->
        client
            .apps()
            .statefulSets()
            .inNamespace(ns)
            .withName("ml-ada")
            .edit(
                s -> {
                  s.getSpec()
                      .getTemplate()
                      .getSpec()
                      .getContainers()
                      .get(0)
                      .setImage("evil@sha256:" + "1".repeat(64));
                  return s;
                });
  }

  /** The chart with its gateway, watching {@code course}, installed in {@code system} on the real API server. */
  static InstallCommand installWithTheGateway(String kubeconfig, String system, String course) {
    return new Helm(CHART)
        .install()
        .withName("tito")
        .withNamespace(system)
        .withKubeConfigContents(kubeconfig)
        .set("watchNamespaces[0]", course)
        .set("gateway.enabled", true)
        .set("gateway.publicUrl", "https://classes.example.edu")
        .set("gateway.oidc.issuer", "https://login.example.edu")
        .set("gateway.oidc.clientId", "tito")
        .set("gateway.oidc.clientSecret.name", "tito-oidc");
  }

  static StatefulSet server(String ns, String student) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("ml-" + student)
        .withNamespace(ns)
        .addToLabels("app.kubernetes.io/managed-by", "tito-operator")
        .addToLabels("app.kubernetes.io/component", "jupyter-server")
        .endMetadata()
        .withNewSpec()
        .withReplicas(0)
        .withServiceName("ml-" + student)
        .withNewSelector()
        .addToMatchLabels("tito.dev/student", student)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("tito.dev/student", student)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("jupyter")
        .withImage("jupyter@sha256:" + "0".repeat(64))
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static StatefulSet awaitCached(KubernetesClasses classes, ServerRef server)
      throws InterruptedException {
    for (int i = 0; i < 100 && classes.server(server) == null; i++) {
      Thread.sleep(100);
    }
    return classes.server(server);
  }

  private static void awaitReplicas(KubernetesClasses classes, ServerRef server)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && classes.stopped(server)) {
      Thread.sleep(100);
    }
  }
}
