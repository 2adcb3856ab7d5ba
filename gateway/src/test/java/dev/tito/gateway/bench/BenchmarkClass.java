package dev.tito.gateway.bench;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.ConfigMapKey;
import dev.tito.gateway.GatewayConfig;
import dev.tito.gateway.TitoGateway;
import dev.tito.gateway.session.Session;
import dev.tito.gateway.session.SignedCookie;
import dev.tito.gateway.web.GatewayServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.vertx.core.net.SocketAddress;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The class the gateway benchmarks serve: {@code students} students s0, s1, ... of the class "bench" (CSV roster,
 * ready servers, token Secrets {@code t-s<i>}) on Fabric8's mock API server, each server at its own loopback address,
 * and the figures' arithmetic.
 */
final class BenchmarkClass {
  static final String KEY = "a benchmark session key of at least 32 bytes";

  private BenchmarkClass() {}

  /** createOr: under load the client may retry a create whose first attempt the server did carry out. */
  static void provision(KubernetesClient client, int students) {
    String csv =
        "id,name,email\n"
            + String.join(
                "\n",
                IntStream.range(0, students)
                    .mapToObj(i -> "s" + i + ",Student " + i + ",s" + i + "@example.edu")
                    .toList())
            + "\n";
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("roster")
                .withNamespace("bench")
                .endMetadata()
                .addToData("roster.csv", csv)
                .build())
        .createOr(NonDeletingOperation::update);
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("bench");
    classroom.getMetadata().setNamespace("bench");
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = "jupyter@sha256:" + "0".repeat(64);
    classroom.getSpec().roster.configMapRef = new ConfigMapKey();
    classroom.getSpec().roster.configMapRef.name = "roster";
    classroom.getSpec().roster.configMapRef.key = "roster.csv";
    client.resource(classroom).createOr(NonDeletingOperation::update);
    for (int i = 0; i < students; i++) {
      client
          .resource(
              new StatefulSetBuilder()
                  .withNewMetadata()
                  .withName("bench-s" + i)
                  .withNamespace("bench")
                  .addToLabels("app.kubernetes.io/managed-by", "tito-operator")
                  .addToLabels("app.kubernetes.io/component", "jupyter-server")
                  .endMetadata()
                  .withNewSpec()
                  .withReplicas(1)
                  .endSpec()
                  .withNewStatus()
                  .withReplicas(1)
                  .withReadyReplicas(1)
                  .endStatus()
                  .build())
          .createOr(NonDeletingOperation::update);
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("bench-s" + i + "-token")
                  .withNamespace("bench")
                  .endMetadata()
                  .addToData(
                      "token",
                      Base64.getEncoder()
                          .encodeToString(("t-s" + i).getBytes(StandardCharsets.UTF_8)))
                  .build())
          .createOr(NonDeletingOperation::update);
    }
  }

  /** The gateway's settings for the benchmark; {@code issuer} is the provider's, or none when nobody signs in. */
  static GatewayConfig config(int port, String issuer) {
    Map<String, String> environment = new HashMap<>();
    environment.put(GatewayConfig.PORT, Integer.toString(port));
    environment.put(GatewayConfig.PUBLIC_URL, "http://127.0.0.1:" + port);
    environment.put(GatewayConfig.NAMESPACES, "bench");
    environment.put(GatewayConfig.ISSUER, issuer);
    environment.put(GatewayConfig.CLIENT_ID, "tito");
    environment.put(GatewayConfig.CLIENT_SECRET, "tito-secret");
    environment.put(GatewayConfig.SESSION_KEY, KEY);
    return GatewayConfig.fromEnvironment(environment);
  }

  /** The gateway on the mock API server, every student's server reached at its own address on the upstream's port. */
  static TitoGateway gateway(KubernetesClient client, GatewayConfig config, int upstreamPort) {
    return new TitoGateway(
        client,
        config,
        server ->
            SocketAddress.inetSocketAddress(
                upstreamPort, host(Integer.parseInt(server.student().substring(1)))),
        server -> {},
        Clock.systemUTC());
  }

  static void awaitReady(TitoGateway gateway, int students) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      var last = gateway.classes().directory().serversOf("s" + (students - 1) + "@example.edu");
      if (!last.isEmpty() && gateway.classes().ready(last.iterator().next())) {
        return;
      }
      gateway.classes().refresh();
      Thread.sleep(100);
    }
    throw new AssertionError("the gateway never saw the last student's server ready");
  }

  /** Signed session cookies, as the gateway's callback makes them, one per student, each with its own session id. */
  static String[] sessions(int students) {
    SignedCookie cookies = new SignedCookie(KEY.getBytes(StandardCharsets.UTF_8));
    long expires = Instant.now().plusSeconds(3600).getEpochSecond();
    return IntStream.range(0, students)
        .mapToObj(
            i ->
                cookies.seal(
                    GatewayServer.SESSION_COOKIE,
                    new Session("s" + i + "@example.edu", "sid" + i, expires)))
        .toArray(String[]::new);
  }

  /** Each student's server at its own loopback address, as each pod has its own IP (the upstream listens on all). */
  static String host(int student) {
    return "127.0." + (student / 250) + "." + (student % 250 + 2);
  }

  static String line(String what, long[] gateway, long[] direct) {
    Arrays.sort(gateway);
    Arrays.sort(direct);
    return String.format(
        "%s: gateway p50 %.2f ms p99 %.2f ms; direct p50 %.2f ms p99 %.2f ms; added p50 %.2f ms p99 %.2f ms",
        what,
        ms(pct(gateway, 50)),
        ms(pct(gateway, 99)),
        ms(pct(direct, 50)),
        ms(pct(direct, 99)),
        ms(pct(gateway, 50) - pct(direct, 50)),
        ms(pct(gateway, 99) - pct(direct, 99)));
  }

  /** p50 and p99 of one measure with nothing to compare it with (a leg of the sign-in). */
  static String line(String what, long[] times) {
    Arrays.sort(times);
    return String.format(
        "%s: p50 %.2f ms p99 %.2f ms", what, ms(pct(times, 50)), ms(pct(times, 99)));
  }

  static long pct(long[] sorted, int percentile) {
    return sorted[
        Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Open file descriptors of a process (Linux), or -1 where /proc cannot tell. */
  static long openFiles(long pid) {
    String[] entries = new File("/proc/" + pid + "/fd").list();
    return entries == null ? -1 : entries.length;
  }

  /** One GET, timed to the end of its body; it must answer 200. */
  static long get(
      java.net.http.HttpClient http,
      String host,
      int port,
      String path,
      Map<String, String> headers)
      throws Exception {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://" + host + ":" + port + path))
            .timeout(java.time.Duration.ofSeconds(10));
    headers.forEach(request::header);
    long start = System.nanoTime();
    int status =
        http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    long took = System.nanoTime() - start;
    org.assertj.core.api.Assertions.assertThat(status).as(path + " on " + port).isEqualTo(200);
    return took;
  }

  /** One GET through the gateway with the session, then the same straight to the server with its token (ns). */
  static long[] pair(
      java.net.http.HttpClient http, int port, int upstreamPort, int student, String[] cookies)
      throws Exception {
    String path = "/user/bench/s" + student + "/api/status";
    long viaGateway =
        get(
            http,
            "127.0.0.1",
            port,
            path,
            Map.of("Cookie", GatewayServer.SESSION_COOKIE + "=" + cookies[student]));
    long straight =
        get(
            http,
            host(student),
            upstreamPort,
            path,
            Map.of("Authorization", "token t-s" + student));
    return new long[] {viaGateway, straight};
  }
}
