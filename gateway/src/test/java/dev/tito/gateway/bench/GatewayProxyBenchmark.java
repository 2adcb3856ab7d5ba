package dev.tito.gateway.bench;

import static dev.tito.gateway.bench.BenchmarkClass.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.gateway.TitoGateway;
import dev.tito.gateway.web.GatewayServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  @Test
  void addedLatencyAndMemoryAtAThousandStudents() throws Exception {
    BenchmarkClass.provision(client, STUDENTS);
    List<String> report = new ArrayList<>();
    int port = BenchmarkClass.freePort();
    String origin = "http://127.0.0.1:" + port;
    try (EchoUpstream upstream = EchoUpstream.fork();
        TitoGateway gateway =
            BenchmarkClass.gateway(
                client, BenchmarkClass.config(port, "http://127.0.0.1:1/none"), upstream.port)) {
      gateway.start();
      BenchmarkClass.awaitReady(gateway, STUDENTS);
      String[] cookies = BenchmarkClass.sessions(STUDENTS);
      java.net.http.HttpClient http =
          java.net.http.HttpClient.newBuilder()
              .version(java.net.http.HttpClient.Version.HTTP_1_1)
              .build();
      long[][] httpTimes = httpLatency(http, port, upstream.port, cookies);
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

      long heapBefore = BenchmarkClass.heapAfterGc();
      List<Echo> viaGateway = open(http, port, origin, cookies, true);
      long heapAfter = BenchmarkClass.heapAfterGc();
      List<Echo> direct = open(http, upstream.port, origin, cookies, false);
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
      long loopCpu = Arrays.stream(wsTimes[2]).sum();
      report.add(
          String.format(
              "in the bursts through the gateway the Vert.x event loops of this JVM (the upstream runs apart)"
                  + " spent %.1f us of CPU per message relayed both ways, %.1f ms per burst of %d; per"
                  + " thread, ms per burst: %s",
              loopCpu / 1e3 / (WS_ROUNDS * STUDENTS),
              loopCpu / 1e6 / WS_ROUNDS,
              STUDENTS,
              Arrays.toString(
                  Arrays.stream(wsTimes[2])
                      .mapToObj(t -> Math.round(t / 1e5 / WS_ROUNDS) / 10.0)
                      .toArray())));
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
    }
    report.add(
        0,
        "GatewayProxyBenchmark, "
            + Instant.now()
            + ", "
            + STUDENTS
            + " students, upstream in its own process, load average "
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
      long[] pair = BenchmarkClass.pair(http, port, upstreamPort, student, cookies);
      long viaGateway = pair[0];
      long straight = pair[1];
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
                          + (viaGateway ? "127.0.0.1" : BenchmarkClass.host(student))
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

  /**
   * Rounds alternate: every gateway socket sends at once and waits for its echo, then every direct one. Also returns
   * the gateway's event-loop threads (the only Vert.x ones in this JVM: the upstream runs apart) and the CPU they
   * spent in the gateway's rounds.
   */
  private static long[][] webSocketLatency(List<Echo> viaGateway, List<Echo> direct)
      throws Exception {
    long[] gateway = new long[WS_ROUNDS * STUDENTS];
    long[] straight = new long[WS_ROUNDS * STUDENTS];
    burst(viaGateway, null, 0);
    burst(direct, null, 0);
    long[] loops = eventLoops();
    long[] cpu = new long[loops.length];
    for (int round = 0; round < WS_ROUNDS; round++) {
      long[] before = cpu(loops);
      burst(viaGateway, gateway, round * STUDENTS);
      long[] after = cpu(loops);
      Arrays.setAll(cpu, i -> cpu[i] + after[i] - before[i]);
      burst(direct, straight, round * STUDENTS);
    }
    return new long[][] {gateway, straight, cpu};
  }

  private static long[] eventLoops() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("vert.x-eventloop-thread-"))
        .mapToLong(Thread::getId)
        .toArray();
  }

  private static long[] cpu(long[] threads) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    return Arrays.stream(threads).map(mx::getThreadCpuTime).toArray();
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
}
