package dev.tito.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The proxy's added latency, against a direct connection to the same upstream in the same run, interleaved: HTTP
 * requests one at a time, then WebSocket round trips while 1,000 students each hold a WebSocket through the gateway
 * (one message in flight; then bursts: every socket sends at once, gateway and direct in alternate rounds); and the heap the 1,000 sessions and
 * their sockets take. The upstream is a Vert.x server at the students' base paths (echo; it checks the injected
 * token), so the figures are the gateway's own, not Jupyter's. Report: gateway/target/benchmark-gateway.txt.
 */
@Tag("benchmark")
@EnableKubernetesMockClient(crud = true)
class GatewayProxyBenchmark {
  static KubernetesClient client;
  static final int STUDENTS = Integer.getInteger("bench.students", 1000);
  static final int HTTP_REQUESTS = Integer.getInteger("bench.requests", 5000);
  static final int WS_ROUNDS = Integer.getInteger("bench.rounds", 10);
  static final String KEY = "a benchmark session key of at least 32 bytes";

  @Test
  void addedLatencyAndMemoryAtAThousandStudents() throws Exception {
    provision();
    Vertx vertx = Vertx.vertx();
    int upstreamPort = upstream(vertx).actualPort();
    int port = freePort();
    String origin = "http://127.0.0.1:" + port;
    GatewayConfig config =
        GatewayConfig.fromEnvironment(
            Map.of(
                GatewayConfig.PORT,
                Integer.toString(port),
                GatewayConfig.PUBLIC_URL,
                origin,
                GatewayConfig.NAMESPACES,
                "bench",
                GatewayConfig.ISSUER,
                "http://127.0.0.1:1/none",
                GatewayConfig.CLIENT_ID,
                "tito",
                GatewayConfig.CLIENT_SECRET,
                "x",
                GatewayConfig.SESSION_KEY,
                KEY));
    List<String> report = new ArrayList<>();
    try (TitoGateway gateway =
        new TitoGateway(
            client,
            config,
            server ->
                SocketAddress.inetSocketAddress(
                    upstreamPort, host(Integer.parseInt(server.student().substring(1)))),
            server -> {},
            Clock.systemUTC())) {
      gateway.start();
      awaitReady(gateway);
      String[] cookies = sessions();
      java.net.http.HttpClient http =
          java.net.http.HttpClient.newBuilder()
              .version(java.net.http.HttpClient.Version.HTTP_1_1)
              .build();
      long[][] httpTimes = httpLatency(http, port, upstreamPort, cookies);
      report.add(
          line(
              "HTTP GET, a student's first (the token read, a connection opened; "
                  + STUDENTS
                  + " each)",
              httpTimes[2],
              httpTimes[3]));
      report.add(
          line(
              "HTTP GET, one at a time, every server reached before (" + HTTP_REQUESTS + " each)",
              httpTimes[0],
              httpTimes[1]));

      long heapBefore = heapAfterGc();
      List<Echo> viaGateway = open(http, port, origin, cookies, true);
      long heapAfter = heapAfterGc();
      List<Echo> direct = open(http, upstreamPort, origin, cookies, false);
      long[][] oneAtATime = webSocketOneAtATime(viaGateway, direct);
      report.add(
          line(
              "WebSocket round trip, "
                  + STUDENTS
                  + " sockets open, one message in flight ("
                  + oneAtATime[0].length
                  + " each)",
              oneAtATime[0],
              oneAtATime[1]));
      long[][] wsTimes = webSocketLatency(viaGateway, direct);
      report.add(
          line(
              "WebSocket round trip, "
                  + STUDENTS
                  + " sockets open, all sending at once ("
                  + WS_ROUNDS
                  + " rounds)",
              wsTimes[0],
              wsTimes[1]));
      report.add(
          String.format(
              "heap after GC: %.1f MB before, %.1f MB with %d sessions each holding a WebSocket through the"
                  + " gateway (client side included): %.1f MB per 1,000",
              heapBefore / 1e6,
              heapAfter / 1e6,
              STUDENTS,
              (heapAfter - heapBefore) / 1e6 * 1000 / STUDENTS));
      viaGateway.forEach(e -> e.socket.abort());
      direct.forEach(e -> e.socket.abort());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    report.add(
        0,
        "GatewayProxyBenchmark, "
            + Instant.now()
            + ", "
            + STUDENTS
            + " students, load average "
            + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Files.write(Path.of("target", "benchmark-gateway.txt"), report);
    report.forEach(System.out::println);
  }

  /**
   * Sequential GETs, gateway and direct alternating: first each student's first request, then {@link #HTTP_REQUESTS}
   * to random students' servers; times in nanoseconds (steady gateway, direct, then first gateway, direct).
   */
  private static long[][] httpLatency(
      java.net.http.HttpClient http, int port, int upstreamPort, String[] cookies)
      throws Exception {
    long[] gateway = new long[HTTP_REQUESTS];
    long[] direct = new long[HTTP_REQUESTS];
    long[] firstGateway = new long[STUDENTS];
    long[] firstDirect = new long[STUDENTS];
    // 7919 is prime: the first STUDENTS requests reach every student once
    for (int i = -STUDENTS; i < HTTP_REQUESTS; i++) {
      int student = Math.floorMod(i * 7919, STUDENTS);
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
      if (i >= 0) {
        gateway[i] = viaGateway;
        direct[i] = straight;
      } else {
        firstGateway[i + STUDENTS] = viaGateway;
        firstDirect[i + STUDENTS] = straight;
      }
    }
    return new long[][] {gateway, direct, firstGateway, firstDirect};
  }

  private static long get(
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
    assertThat(status).as(path + " on " + port).isEqualTo(200);
    return took;
  }

  /** One JDK WebSocket per student; each keeps the callback of the message in flight. */
  private static List<Echo> open(
      java.net.http.HttpClient http, int port, String origin, String[] cookies, boolean viaGateway)
      throws Exception {
    List<CompletableFuture<Echo>> opening = new ArrayList<>();
    for (int student = 0; student < STUDENTS; student++) {
      Echo echo = new Echo();
      java.net.http.WebSocket.Builder builder = http.newWebSocketBuilder().header("Origin", origin);
      builder.header(
          viaGateway ? "Cookie" : "Authorization",
          viaGateway
              ? GatewayServer.SESSION_COOKIE + "=" + cookies[student]
              : "token t-s" + student);
      opening.add(
          builder
              .buildAsync(
                  java.net.URI.create(
                      "ws://"
                          + (viaGateway ? "127.0.0.1" : host(student))
                          + ":"
                          + port
                          + "/user/bench/s"
                          + student
                          + "/api/kernels/k/channels"),
                  echo)
              .thenApply(
                  socket -> {
                    echo.socket = socket;
                    return echo;
                  }));
      if (opening.size() % 100 == 0) {
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
            .get(60, TimeUnit.SECONDS);
      }
    }
    CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    return opening.stream().map(CompletableFuture::join).toList();
  }

  /** A socket whose next text message completes the pending round trip. */
  static final class Echo implements java.net.http.WebSocket.Listener {
    volatile java.net.http.WebSocket socket;
    volatile CompletableFuture<String> pending = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public java.util.concurrent.CompletionStage<?> onText(
        java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        pending.complete(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    CompletableFuture<String> send(String message) {
      pending = new CompletableFuture<>();
      socket.sendText(message, true);
      return pending;
    }
  }

  /** One message in flight at a time, gateway and direct alternating, each on a different student's socket. */
  private static long[][] webSocketOneAtATime(List<Echo> viaGateway, List<Echo> direct)
      throws Exception {
    int messages = Math.max(2000, STUDENTS * 2);
    long[] gateway = new long[messages];
    long[] straight = new long[messages];
    for (int i = -200; i < messages; i++) {
      int student = Math.floorMod(i * 7919, STUDENTS);
      long viaGatewayTime = roundTrip(viaGateway.get(student), i);
      long directTime = roundTrip(direct.get(student), i);
      if (i >= 0) {
        gateway[i] = viaGatewayTime;
        straight[i] = directTime;
      }
    }
    return new long[][] {gateway, straight};
  }

  private static long roundTrip(Echo socket, int i) throws Exception {
    String message = "{\"header\":{\"msg_id\":\"" + i + "\"}}";
    long start = System.nanoTime();
    String echoed = socket.send(message).get(10, TimeUnit.SECONDS);
    long took = System.nanoTime() - start;
    assertThat(echoed).isEqualTo(message);
    return took;
  }

  /** Rounds alternate: every gateway socket sends at once and waits for its echo, then every direct one. */
  private static long[][] webSocketLatency(List<Echo> viaGateway, List<Echo> direct)
      throws Exception {
    long[] gateway = new long[WS_ROUNDS * STUDENTS];
    long[] straight = new long[WS_ROUNDS * STUDENTS];
    burst(viaGateway, null, 0);
    burst(direct, null, 0);
    for (int round = 0; round < WS_ROUNDS; round++) {
      burst(viaGateway, gateway, round * STUDENTS);
      burst(direct, straight, round * STUDENTS);
    }
    return new long[][] {gateway, straight};
  }

  private static void burst(List<Echo> sockets, long[] times, int offset) throws Exception {
    List<CompletableFuture<String>> echoes = new ArrayList<>();
    for (int i = 0; i < sockets.size(); i++) {
      String message =
          "{\"header\":{\"msg_id\":\"" + i + "\"},\"content\":{\"code\":\"print(6 * 7)\"}}";
      long start = System.nanoTime();
      int slot = i;
      echoes.add(
          sockets
              .get(i)
              .send(message)
              .whenComplete(
                  (text, failure) -> {
                    if (times != null) {
                      times[offset + slot] = System.nanoTime() - start;
                    }
                  }));
    }
    CompletableFuture.allOf(echoes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    for (int i = 0; i < echoes.size(); i++) {
      assertThat(echoes.get(i).join()).contains("\"msg_id\":\"" + i + "\"");
    }
  }

  /** The students' servers: answers GETs and echoes WebSocket frames, only with the student's own token. */
  private static HttpServer upstream(Vertx vertx) throws Exception {
    return vertx
        .createHttpServer()
        .webSocketHandler(
            socket -> {
              String student = socket.path().split("/")[3];
              if (!("token t-" + student).equals(socket.headers().get("Authorization"))) {
                socket.close((short) 1008);
                return;
              }
              socket.textMessageHandler(socket::writeTextMessage);
            })
        .requestHandler(
            request -> {
              String student = request.path().split("/")[3];
              boolean token = ("token t-" + student).equals(request.getHeader("Authorization"));
              request
                  .response()
                  .setStatusCode(token ? 200 : 403)
                  .end("{\"last_activity\":\"2030-01-01T00:00:00Z\",\"kernels\":1}");
            })
        .listen(0)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static void provision() {
    String csv =
        "id,name,email\n"
            + String.join(
                "\n",
                IntStream.range(0, STUDENTS)
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
        .create();
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("bench");
    classroom.getMetadata().setNamespace("bench");
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = "jupyter@sha256:" + "0".repeat(64);
    classroom.getSpec().roster.configMapRef = new ConfigMapKey();
    classroom.getSpec().roster.configMapRef.name = "roster";
    classroom.getSpec().roster.configMapRef.key = "roster.csv";
    client.resource(classroom).create();
    for (int i = 0; i < STUDENTS; i++) {
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
          .create();
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
          .create();
    }
  }

  private static void awaitReady(TitoGateway gateway) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      var directory = gateway.classes().directory();
      var last = directory.serversOf("s" + (STUDENTS - 1) + "@example.edu");
      if (!last.isEmpty() && gateway.classes().ready(last.iterator().next())) {
        return;
      }
      gateway.classes().refresh();
      Thread.sleep(100);
    }
    throw new AssertionError("the gateway never saw the last student's server ready");
  }

  private static String[] sessions() {
    SignedCookie cookies = new SignedCookie(KEY.getBytes(StandardCharsets.UTF_8));
    long expires = Instant.now().plusSeconds(3600).getEpochSecond();
    return IntStream.range(0, STUDENTS)
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

  private static String line(String what, long[] gateway, long[] direct) {
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

  private static long pct(long[] sorted, int percentile) {
    return sorted[
        Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
