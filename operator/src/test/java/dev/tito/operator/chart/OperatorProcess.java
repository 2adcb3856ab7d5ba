package dev.tito.operator.chart;

import dev.tito.operator.TitoOperator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator's main entry in its own JVM, with the environment the chart's Deployment gives it and a Fabric8
 * client pointed at the mock server. Its own process, as in a pod: losing the lease ends it with System.exit.
 */
final class OperatorProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private OperatorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static OperatorProcess start(Map<String, String> deploymentEnv, String apiServerUrl) {
    Path log = Path.of("target", "operator-from-chart.log");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        TitoOperator.class.getName());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(deploymentEnv);
    // what the in-cluster service-account configuration gives the client in a pod
    env.put("KUBERNETES_MASTER", apiServerUrl);
    env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    env.put("HOSTNAME", "tito-operator-0");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      return new OperatorProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator's log so far, for failure messages. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops it as the kubelet does: SIGTERM, then SIGKILL after a (short) grace period. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(3, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
