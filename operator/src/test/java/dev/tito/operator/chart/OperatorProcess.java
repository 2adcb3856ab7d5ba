package dev.tito.operator.chart;

import dev.tito.operator.classroom.Eventually;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The operator started the way its image starts it: the image's launcher script, with the environment the chart's
 * Deployment gives it, in its own JVM (as in a pod, losing the lease ends it with System.exit).
 */
public final class OperatorProcess implements AutoCloseable {
  static final Path LAUNCHER = Path.of("../images/operator/bin/tito-operator");

  /** The kubelet's default terminationGracePeriodSeconds. */
  private static final long GRACE_SECONDS = 30;

  private final Process process;
  private final Path log;
  private final int httpPort;

  private OperatorProcess(Process process, Path log, int httpPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /**
   * The image's launcher with titoHome as its /opt/tito (lib/ holds this test's classpath) and this JVM as its
   * /opt/java; env replaces the inherited environment.
   */
  static ProcessBuilder launcher(Path titoHome, Map<String, String> env) {
    installClasspath(titoHome.resolve("lib"));
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", LAUNCHER.toString());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("TITO_HOME", titoHome.toString());
    return builder;
  }

  public static OperatorProcess start(
      Map<String, String> deploymentEnv, String apiServerUrl, Path titoHome) {
    Path log = Path.of("target", "operator-from-chart.log");
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(deploymentEnv, apiServerUrl, titoHome, log);
  }

  /** @param log where its stdout and stderr go (appended: a restarted operator adds to the same story) */
  public static OperatorProcess start(
      Map<String, String> deploymentEnv, String apiServerUrl, Path titoHome, Path log) {
    ProcessBuilder builder = launcher(titoHome, deploymentEnv);
    Map<String, String> env = builder.environment();
    // what the in-cluster service-account configuration gives the client in a pod
    env.put("KUBERNETES_MASTER", apiServerUrl);
    env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    env.put("HOSTNAME", "tito-operator-0");
    // the chart's fixed port may be taken on a shared test machine
    int httpPort = freePort();
    env.put("TITO_HTTP_PORT", Integer.toString(httpPort));
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      return new OperatorProcess(builder.start(), log, httpPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator's log so far, for failure messages. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Where its /healthz, /readyz and /metrics answer. */
  URI endpoint(String path) {
    return URI.create("http://localhost:" + httpPort + path);
  }

  /** Waits until its /readyz answers 200 (started, leading, its informers healthy), as the kubelet's probe does. */
  public void awaitReady(Duration limit) {
    Eventually.until(
        "the operator's /readyz answering 200 (log: " + log.toAbsolutePath() + ")",
        limit,
        () -> status(endpoint("/readyz")),
        code -> code == 200,
        () -> process.isAlive() ? "running" : "exited with " + process.exitValue());
  }

  /** The HTTP status of a GET of {@code uri}, or -1 when nothing answers within 3 s. */
  static int status(URI uri) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Stops it as the kubelet does: SIGTERM, then SIGKILL after the grace period; returns the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return process.exitValue();
  }

  /** What an OOM kill or a node loss does: SIGKILL, no shutdown hook, no lease release. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      terminate();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This test's classpath behind one jar in lib/, where the image keeps the operator's jars. */
  private static void installClasspath(Path lib) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .put(
            Attributes.Name.CLASS_PATH,
            Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" ")));
    try {
      Files.createDirectories(lib);
      try (OutputStream jar = Files.newOutputStream(lib.resolve("classpath.jar"))) {
        new JarOutputStream(jar, manifest).close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
