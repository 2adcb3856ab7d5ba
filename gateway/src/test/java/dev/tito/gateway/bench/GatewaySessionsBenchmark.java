package dev.tito.gateway.bench;

import static dev.tito.gateway.bench.BenchmarkClass.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.gateway.TitoGateway;
import dev.tito.gateway.web.GatewayServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sign-in to the first byte of a running server through a real OpenID Connect provider (mock-oauth2-server, in this
 * JVM), leg by leg, for {@link #SIGN_INS} students; then {@link #SESSIONS} students' sessions, each signed in (the
 * first ones by that sign-in, the others with the cookie the callback would have set) and making requests through the
 * gateway, against the same requests sent straight to the upstream, and the gateway's heap per 1,000 sessions. The
 * upstream (echo, token checked) runs in a process of its own. Report: gateway/target/benchmark-gateway-sessions.txt.
 */
@Tag("benchmark")
@EnableKubernetesMockClient(crud = true)
class GatewaySessionsBenchmark {
  static KubernetesClient client;
  static final int SESSIONS = Integer.getInteger("bench.sessions", 10_000);
  static final int SIGN_INS = Integer.getInteger("bench.signIns", 1000);
  static final int WINDOW = 1000;
  static final int STEADY_PER_SESSION = 4;
  static final int WARM_UP = 20;

  @Test
  void signInToFirstByteAndTenThousandSessions() throws Exception {
    long provisioning = System.nanoTime();
    BenchmarkClass.provision(client, SESSIONS);
    List<String> report = new ArrayList<>();
    report.add(
        String.format(
            "provisioned %d students on the mock API server in %.0f s",
            SESSIONS, (System.nanoTime() - provisioning) / 1e9));
    MockOAuth2Server provider = new MockOAuth2Server();
    provider.start();
    int port = BenchmarkClass.freePort();
    try (EchoUpstream upstream = EchoUpstream.fork();
        TitoGateway gateway =
            BenchmarkClass.gateway(
                client,
                BenchmarkClass.config(port, provider.issuerUrl("default").toString()),
                upstream.port)) {
      gateway.start();
      BenchmarkClass.awaitReady(gateway, SESSIONS);
      String[] cookies = BenchmarkClass.sessions(SESSIONS);
      signIns(provider, port, upstream.port, cookies, report);
      sessions(port, upstream, cookies, report);
      report.add(tokenReads());
    } finally {
      provider.shutdown();
    }
    report.add(
        0,
        "GatewaySessionsBenchmark, "
            + Instant.now()
            + ", load average "
            + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Files.write(Path.of("target", "benchmark-gateway-sessions.txt"), report);
    report.forEach(System.out::println);
  }

  /**
   * Students s0.. sign in one after another (after {@link #WARM_UP} sign-ins of the last students), each from the
   * first request with no cookie to the first byte of their server's answer; their session cookies replace the minted
   * ones. The floor is a first request straight to the same server (a new connection, its token known).
   */
  private static void signIns(
      MockOAuth2Server provider, int port, int upstreamPort, String[] cookies, List<String> report)
      throws Exception {
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();
    String[] legs = {
      "1. the server's address with no cookie: the gateway sends to its sign-in",
      "2. /_tito/login: the gateway sends to the provider (login cookie set)",
      "3. the provider's authorize endpoint sends back with a code",
      "4. /_tito/callback: code exchanged at the provider, ID token checked, session cookie set",
      "5. the server's address with the session: first byte proxied (token read, first connection)"
    };
    long[][] times = new long[legs.length][SIGN_INS];
    long[] total = new long[SIGN_INS];
    long[] direct = new long[SIGN_INS];
    for (int i = -WARM_UP; i < SIGN_INS; i++) {
      int student = i < 0 ? SESSIONS + i : i;
      long[] took = signIn(provider, http, port, student, cookies);
      long straight =
          firstByte(
              http,
              "http://" + BenchmarkClass.host(student) + ":" + upstreamPort + lab(student),
              Map.of("Authorization", "token t-s" + student));
      if (i >= 0) {
        for (int leg = 0; leg < legs.length; leg++) {
          times[leg][i] = took[leg];
          total[i] += took[leg];
        }
        direct[i] = straight;
      }
    }
    report.add(
        line(
            "sign-in to the first byte of a running server, from the first request with no cookie ("
                + SIGN_INS
                + " students; direct: a first request straight to the server)",
            total,
            direct));
    for (int leg = 0; leg < legs.length; leg++) {
      report.add(line("  " + legs[leg], times[leg]));
    }
  }

  /** One sign-in, leg by leg (nanoseconds); the session cookie it ends with goes to cookies[student]. */
  private static long[] signIn(
      MockOAuth2Server provider,
      java.net.http.HttpClient http,
      int port,
      int student,
      String[] cookies)
      throws Exception {
    provider.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default",
            "s" + student,
            "JWT",
            List.of("tito"),
            Map.of("email", "s" + student + "@example.edu", "email_verified", true),
            3600));
    String gateway = "http://127.0.0.1:" + port;
    long[] took = new long[5];
    long start = System.nanoTime();
    HttpResponse<String> toSignIn = navigate(http, gateway + lab(student), "");
    took[0] = System.nanoTime() - start;
    assertThat(toSignIn.headers().firstValue("Location"))
        .hasValue("/_tito/login?next=" + URLEncoder.encode(lab(student), StandardCharsets.UTF_8));
    start = System.nanoTime();
    HttpResponse<String> toProvider =
        navigate(http, gateway + toSignIn.headers().firstValue("Location").orElseThrow(), "");
    took[1] = System.nanoTime() - start;
    String login = cookie(toProvider, GatewayServer.LOGIN_COOKIE);
    start = System.nanoTime();
    HttpResponse<String> back =
        navigate(http, toProvider.headers().firstValue("Location").orElseThrow(), "");
    took[2] = System.nanoTime() - start;
    start = System.nanoTime();
    HttpResponse<String> signedIn =
        navigate(
            http,
            back.headers().firstValue("Location").orElseThrow(),
            GatewayServer.LOGIN_COOKIE + "=" + login);
    took[3] = System.nanoTime() - start;
    assertThat(signedIn.headers().firstValue("Location")).hasValue(lab(student));
    cookies[student] = cookie(signedIn, GatewayServer.SESSION_COOKIE);
    took[4] =
        firstByte(
            http,
            gateway + lab(student),
            Map.of("Cookie", GatewayServer.SESSION_COOKIE + "=" + cookies[student]));
    return took;
  }

  private static String lab(int student) {
    return "/user/bench/s" + student + "/lab";
  }

  private static HttpResponse<String> navigate(
      java.net.http.HttpClient http, String url, String cookie) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "text/html")
            .header("Sec-Fetch-Mode", "navigate");
    if (!cookie.isEmpty()) {
      request.header("Cookie", cookie);
    }
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(url + ": " + answer.body()).isEqualTo(302);
    return answer;
  }

  private static String cookie(HttpResponse<String> answer, String name) {
    return answer.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " was not set: " + answer.headers()));
  }

  /** Nanoseconds until the answer's status line and headers arrived (its first bytes); the answer must be 200. */
  private static long firstByte(
      java.net.http.HttpClient http, String url, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    headers.forEach(request::header);
    long[] headersAt = new long[1];
    long start = System.nanoTime();
    HttpResponse<Void> answer =
        http.send(
            request.build(),
            info -> {
              headersAt[0] = System.nanoTime();
              return HttpResponse.BodySubscribers.discarding();
            });
    assertThat(answer.statusCode()).as(url).isEqualTo(200);
    return headersAt[0] - start;
  }

  /**
   * Every session makes requests, {@link #WINDOW} sessions at a time (a class period): each one's first request, then
   * {@link #STEADY_PER_SESSION} per session to random sessions of the window, each through the gateway and then
   * straight to the upstream. One JDK client sends both; it closes connections idle for 60 s (the profile's
   * jdk.httpclient.keepalive.timeout), as the gateway's own pool does, so the sockets of windows gone by do not pile up.
   */
  private static void sessions(
      int port, EchoUpstream upstream, String[] cookies, List<String> report) throws Exception {
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    int firsts = SESSIONS - SIGN_INS - WARM_UP;
    long[][] first = new long[2][firsts];
    long[][] steady = new long[2][SESSIONS * STEADY_PER_SESSION];
    long heapBefore = BenchmarkClass.heapAfterGc();
    long pid = ProcessHandle.current().pid();
    long mostOpen = 0;
    long mostUpstreamOpen = 0;
    Random random = new Random(18);
    int counted = 0;
    for (int window = 0; window < SESSIONS; window += WINDOW) {
      for (int student = window; student < window + WINDOW; student++) {
        long[] pair = BenchmarkClass.pair(http, port, upstream.port, student, cookies);
        boolean reachedBefore = student < SIGN_INS || student >= SESSIONS - WARM_UP;
        if (!reachedBefore) {
          first[0][counted] = pair[0];
          first[1][counted++] = pair[1];
        }
      }
      for (int i = 0; i < WINDOW * STEADY_PER_SESSION; i++) {
        int student = window + random.nextInt(WINDOW);
        long[] pair = BenchmarkClass.pair(http, port, upstream.port, student, cookies);
        steady[0][window * STEADY_PER_SESSION + i] = pair[0];
        steady[1][window * STEADY_PER_SESSION + i] = pair[1];
      }
      mostOpen = Math.max(mostOpen, BenchmarkClass.openFiles(pid));
      mostUpstreamOpen = Math.max(mostUpstreamOpen, upstream.openFiles());
    }
    long openAtEnd = BenchmarkClass.openFiles(pid);
    long heapAfter = BenchmarkClass.heapAfterGc();
    report.add(
        line(
            "HTTP GET, a session's first request, its server not reached before (token read, first"
                + " connection; "
                + counted
                + " each)",
            java.util.Arrays.copyOf(first[0], counted),
            java.util.Arrays.copyOf(first[1], counted)));
    report.add(
        line(
            "HTTP GET, "
                + SESSIONS
                + " sessions, "
                + WINDOW
                + " at a time, "
                + STEADY_PER_SESSION
                + " requests each to servers reached before ("
                + steady[0].length
                + " each)",
            steady[0],
            steady[1]));
    report.add(
        String.format(
            "open at once, at most (after each window): %d file descriptors in this JVM (gateway, its"
                + " connections to the servers, the clients), %d in the upstream's process; %d in this JVM"
                + " at the end",
            mostOpen, mostUpstreamOpen, openAtEnd));
    report.add(
        String.format(
            "heap after GC: %.1f MB before the %d sessions' requests, %.1f MB after (every token cached,"
                + " the gateway's connections of the last minute open; client side included): %.2f MB per"
                + " 1,000 sessions",
            heapBefore / 1e6,
            SESSIONS,
            heapAfter / 1e6,
            (heapAfter - heapBefore) / 1e6 * 1000 / SESSIONS));
  }

  /**
   * What a first request's token read costs here: the same GET of a token Secret by name that the gateway makes, from
   * Fabric8's mock API server holding every student's objects (in a cluster, the API server's).
   */
  private static String tokenReads() {
    long[] times = new long[500];
    Random random = new Random(7);
    for (int i = 0; i < times.length; i++) {
      String name = "bench-s" + random.nextInt(SESSIONS) + "-token";
      long start = System.nanoTime();
      assertThat(client.secrets().inNamespace("bench").withName(name).get()).isNotNull();
      times[i] = System.nanoTime() - start;
    }
    return line(
        "a token Secret read by name from the mock API server holding "
            + SESSIONS
            + " servers and Secrets (500 reads)",
        times);
  }
}
