package dev.tito.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.RetainPolicy;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.controlplane.AuditLog;
import dev.tito.controlplane.RealApiServer;
import dev.tito.operator.classroom.Eventually;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The built operator image (images/build-local.sh) run with podman as the chart's pod runs it: user 65532, read-only
 * root, /tmp a tmpfs, no capabilities, the chart's environment and its ServiceAccount's token, CA and namespace
 * where a pod has them; it reconciles a Classroom on the real API server. Opt-in (it needs the image):
 * {@code mvn -B -pl operator -am test -Pimages -Dtest=OperatorImageOnRealApiServerTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("images")
class OperatorImageOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();
  private static final List<String> STUDENTS = List.of("ada", "ben");
  private static final String PODMAN_RUNTIME =
      System.getenv().getOrDefault("TITO_PODMAN_RUNTIME", "runc");
  private static final String CONTAINER =
      "tito-operator-check-" + UUID.randomUUID().toString().substring(0, 8);

  private static String course;
  private static String operatorUser;
  private static int httpPort;
  private static Path log;

  @BeforeAll
  static void installTheChartAndRunTheImageAsItsServiceAccount() throws Exception {
    course = api.namespace();
    String system = api.createNamespace("tito-system");
    ChartInstall.Installed installed = ChartInstall.helmInstall(api, system, course);
    Deployment deployment = installed.deployment();
    String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    String account = installed.account();
    operatorUser = installed.user();
    assertThat(run(List.of("podman", "image", "exists", image)))
        .as("the image " + image + " is built (images/build-local.sh)")
        .isZero();

    // what the kubelet projects into the pod: the account's token, the cluster's CA and the
    // namespace
    Path secrets = Files.createTempDirectory(Path.of("target"), "operator-image-sa-");
    Files.writeString(
        secrets.resolve("token"), api.controlPlane().serviceAccountToken(system, account));
    Files.copy(api.controlPlane().caCertificate(), secrets.resolve("ca.crt"));
    Files.writeString(secrets.resolve("namespace"), system);
    for (Path file :
        List.of(
            secrets,
            secrets.resolve("token"),
            secrets.resolve("ca.crt"),
            secrets.resolve("namespace"))) {
      // the container's user is not this file's owner
      Files.setPosixFilePermissions(
          file,
          PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
    }
    httpPort = freePort();
    URI server = URI.create(api.controlPlane().url());
    List<String> command =
        new ArrayList<>(
            List.of(
                "podman",
                "--runtime",
                PODMAN_RUNTIME,
                "run",
                "-d",
                "--name",
                CONTAINER,
                // the API server listens on the host's loopback
                "--network",
                "host",
                "--read-only",
                "--tmpfs",
                "/tmp",
                "--cap-drop",
                "ALL",
                "--security-opt",
                "no-new-privileges",
                "-v",
                secrets.toAbsolutePath() + ":/var/run/secrets/kubernetes.io/serviceaccount:ro",
                "-e",
                "KUBERNETES_SERVICE_HOST=" + server.getHost(),
                "-e",
                "KUBERNETES_SERVICE_PORT=" + server.getPort(),
                "-e",
                "HOSTNAME=tito-operator-0",
                // the chart's fixed port may be taken on the host's network
                "-e",
                "TITO_HTTP_PORT=" + httpPort));
    ChartInstall.operatorEnvironment(deployment)
        .forEach(
            (name, value) -> {
              if (!name.equals("TITO_HTTP_PORT")) {
                command.addAll(List.of("-e", name + "=" + value));
              }
            });
    command.add(image);
    assertThat(run(command)).as(String.join(" ", command)).isZero();
    log = Path.of("target", "operator-image-on-real-api.log");
  }

  @AfterAll
  static void stop() throws Exception {
    if (log != null) {
      run(List.of("podman", "logs", CONTAINER), log);
    }
    run(List.of("podman", "rm", "-f", "-t", "30", CONTAINER));
  }

  @Test
  void theImageRunsAsTheChartsUserAndReconcilesAClassroomWithItsServiceAccount() throws Exception {
    assertThat(podmanOutput("top", CONTAINER, "huser"))
        .as("the operator's host user")
        .contains("65532");
    waitFor("/readyz answering 200", () -> status("/readyz"), code -> code == 200);

    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.getMetadata().setNamespace(course);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image =
        "ghcr.io/tito-dev/tito-sample-course@sha256:" + "a".repeat(64);
    classroom.getSpec().environment.home.retainPolicy = RetainPolicy.Delete;
    classroom.getSpec().roster.students =
        new ArrayList<>(STUDENTS.stream().map(RosterStudent::new).toList());
    api.admin().resource(classroom).create();

    waitFor(
        "both students' servers and the Classroom's status",
        () ->
            List.of(
                api.admin().resources(Classroom.class).inNamespace(course).withName("ml").get(),
                api.admin()
                    .apps()
                    .statefulSets()
                    .inNamespace(course)
                    .withLabel("tito.dev/classroom", "ml")
                    .list()
                    .getItems()
                    .size()),
        seen ->
            seen.get(0) instanceof Classroom c
                && c.getStatus() != null
                && c.getStatus().total == STUDENTS.size()
                && seen.get(1).equals(STUDENTS.size()));
    List<AuditLog.Request> requests = new AuditLog(api.controlPlane().auditLog()).by(operatorUser);
    assertThat(requests).as("the operator's requests with its token").isNotEmpty();
    assertThat(requests.stream().filter(r -> r.code() == 403).map(AuditLog.Request::toString))
        .as("denied requests")
        .isEmpty();
  }

  private static int status(String path) {
    return OperatorProcess.status(URI.create("http://127.0.0.1:" + httpPort + path));
  }

  private static <T> T waitFor(String what, Supplier<T> observe, Predicate<T> done) {
    return Eventually.until(
        what,
        Duration.ofSeconds(90),
        observe,
        done,
        () -> "operator container log:\n" + containerLog());
  }

  private static String containerLog() {
    try {
      String text = podmanOutput("logs", CONTAINER);
      return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    } catch (IOException | InterruptedException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static String podmanOutput(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return output;
  }

  private static int run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    return process.waitFor(120, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  private static void run(List<String> command, Path output)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
