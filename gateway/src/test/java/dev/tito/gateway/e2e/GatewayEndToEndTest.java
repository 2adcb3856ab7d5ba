package dev.tito.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.GatewayAccess;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.controlplane.Eventually;
import dev.tito.controlplane.HeadlessChromium;
import dev.tito.gateway.GatewayConfig;
import dev.tito.gateway.TitoGateway;
import dev.tito.gateway.classes.ServerRef;
import dev.tito.gateway.web.GatewayServer;
import dev.tito.operator.classroom.ServerState;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole front door: a real OpenID Connect provider (mock-oauth2-server: discovery, JWKS, the code flow with PKCE,
 * RS256-signed ID tokens), the gateway, the Classroom and ada's server objects on Fabric8's mock API server, and ada's
 * real Jupyter server as a process. The test plays the operator and the kubelet: when the start annotation appears it
 * scales ada's StatefulSet up and marks its pod ready.
 */
@EnableKubernetesMockClient(crud = true)
class GatewayEndToEndTest {
  static KubernetesClient client;
  static final String NAMESPACE = "course";
  static final String ADA_TOKEN = "ada-" + UUID.randomUUID();
  static final ObjectMapper JSON = new ObjectMapper();
  static MockOAuth2Server provider;
  static JupyterServerProcess jupyter;
  static TitoGateway gateway;
  static String origin;
  static final Map<String, Integer> upstreamPorts = new ConcurrentHashMap<>();
  static final List<ServerRef> activity = new CopyOnWriteArrayList<>();
  @TempDir static Path temp;

  @BeforeAll
  static void startEverything() throws Exception {
    // under CI the test runs (and fails loudly) whatever is missing
    assumeTrue(
        JupyterServerProcess.available() || "true".equals(System.getenv("CI")),
        "Debian's python3-jupyter-server and python3-ipykernel are needed:"
            + " apt-get install python3-jupyter-server python3-ipykernel");
    provider = new MockOAuth2Server();
    provider.start();
    // its first answer is slow on a loaded machine (class loading, templates): warm it before the
    // gateway asks
    HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create(provider.issuerUrl("default") + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    try (var crd = GatewayEndToEndTest.class.getResourceAsStream("/classrooms.tito.dev-v1.yml")) {
      if (crd != null) {
        client
            .resource(
                client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
            .create();
      }
    }
    // createOr: under load the client may retry a create whose first attempt the server did carry
    // out
    client.resource(classroom()).createOr(NonDeletingOperation::update);
    for (String student : List.of("ada", "ben")) {
      client.resource(server(student)).createOr(NonDeletingOperation::update);
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("ml-" + student + "-token")
                  .withNamespace(NAMESPACE)
                  .endMetadata()
                  .addToData(
                      "token",
                      Base64.getEncoder()
                          .encodeToString(
                              (student.equals("ada") ? ADA_TOKEN : "ben-token").getBytes()))
                  .build())
          .createOr(NonDeletingOperation::update);
    }
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("tito-gateway-signed-out")
                .withNamespace("tito-system")
                .endMetadata()
                .build())
        .createOr(NonDeletingOperation::update);
    jupyter = JupyterServerProcess.start("/user/ml/ada/", ADA_TOKEN, temp.resolve("ada-home"));
    upstreamPorts.put("ada", jupyter.port);
    int port = JupyterServerProcess.freePort();
    origin = "http://127.0.0.1:" + port;
    GatewayConfig config =
        GatewayConfig.fromEnvironment(
            Map.of(
                GatewayConfig.PORT, Integer.toString(port),
                GatewayConfig.PUBLIC_URL, origin,
                GatewayConfig.NAMESPACES, NAMESPACE,
                GatewayConfig.ISSUER, provider.issuerUrl("default").toString(),
                GatewayConfig.CLIENT_ID, "tito",
                GatewayConfig.CLIENT_SECRET, "tito-secret",
                GatewayConfig.SESSION_KEY, "a session key of at least thirty-two bytes",
                GatewayConfig.ROSTER_REFRESH_SECONDS, "1",
                GatewayConfig.SIGNED_OUT, "tito-system/tito-gateway-signed-out",
                GatewayConfig.SERVER_DOMAIN, "servers.test"));
    gateway =
        new TitoGateway(
            client,
            config,
            server ->
                SocketAddress.inetSocketAddress(
                    upstreamPorts.getOrDefault(server.student(), 1), "127.0.0.1"),
            activity::add,
            Clock.systemUTC());
    gateway.start();
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (jupyter != null) {
      jupyter.close();
    }
    if (provider != null) {
      provider.shutdown();
    }
  }

  @Test
  void adaSignsInHerStoppedServerStartsAndSheRunsACellOverTheKernelWebSocket() throws Exception {
    stopServer("ada");
    Browser browser = new Browser(origin);
    HttpResponse<String> landing = signIn(browser, "ada@example.edu", "/user/ml/ada/api/status");

    // her server is stopped: she is sent to the start page, which asks for the start and reports
    // progress
    assertThat(landing.statusCode()).isEqualTo(302);
    String startPage = landing.headers().firstValue("Location").orElseThrow();
    assertThat(startPage).startsWith("/_tito/servers/course/ml/ada?next=");
    HttpResponse<String> page = browser.get(startPage);
    assertThat(page.body()).contains("Starting your server for ml").doesNotContain(ADA_TOKEN);
    String csrf = attribute(page.body(), "data-csrf");
    HttpResponse<String> started =
        browser.post(
            "/_tito/servers/course/ml/ada/start",
            "",
            Map.of("X-Tito-Csrf", csrf, "Origin", origin));
    assertThat(started.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(started.body()).path("step").asText()).isEqualTo("REQUESTED");
    StatefulSet requested =
        client.apps().statefulSets().inNamespace(NAMESPACE).withName("ml-ada").get();
    assertThat(requested.getMetadata().getAnnotations()).containsKey(ServerState.START_REQUEST);

    playOperatorAndKubelet("ada");
    JsonNode progress = awaitStep(browser, "READY");
    assertThat(progress.path("message").asText()).isEqualTo("Your server is ready.");

    // the page sends her on; Jupyter answers through the gateway, which gave it her token
    HttpResponse<String> status = awaitProxied(browser, "/user/ml/ada/api/status");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("last_activity").doesNotContain(ADA_TOKEN);
    // Jupyter Server's own pages write the token of a token-authenticated request into the page:
    // not through the gateway
    HttpResponse<String> missing = browser.get("/user/ml/ada/no-such-page");
    assertThat(missing.body()).contains("404").doesNotContain(ADA_TOKEN);
    HttpResponse<String> kernel =
        browser.post(
            "/user/ml/ada/api/kernels",
            "{\"name\":\"python3\"}",
            Map.of("Origin", origin, "Content-Type", "application/json"));
    assertThat(kernel.statusCode()).as(kernel.body()).isEqualTo(201);
    String kernelId = JSON.readTree(kernel.body()).path("id").asText();

    assertThat(runCell(browser, kernelId, "print(6 * 7)", origin)).isEqualTo("42\n");
    assertThat(activity).contains(new ServerRef(NAMESPACE, "ml", "ada", "/user/ml/ada/", 8888));
  }

  @Test
  void adaKeepsEightNotebooksOpenAndANinthStillRunsItsCell() throws Exception {
    Browser browser = new Browser(origin);
    signIn(browser, "ada@example.edu", "/");
    playOperatorAndKubelet("ada");
    awaitProxied(browser, "/user/ml/ada/api/status");
    HttpResponse<String> kernel =
        browser.post(
            "/user/ml/ada/api/kernels",
            "{\"name\":\"python3\"}",
            Map.of("Origin", origin, "Content-Type", "application/json"));
    String kernelId = JSON.readTree(kernel.body()).path("id").asText();
    List<WebSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        open.add(
            HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Cookie", browser.cookieHeader(origin))
                .header("Origin", origin)
                .buildAsync(
                    URI.create(
                        origin.replace("http", "ws")
                            + "/user/ml/ada/api/kernels/"
                            + kernelId
                            + "/channels"),
                    new WebSocket.Listener() {})
                .get(20, TimeUnit.SECONDS));
      }

      assertThat(runCell(browser, kernelId, "print(6 * 7)", origin)).isEqualTo("42\n");
    } finally {
      open.forEach(WebSocket::abort);
    }
  }

  @Test
  void inHeadlessChromiumAdaSignsInWaitsForHerServerRunsACellAndSignsOut() throws Exception {
    assumeTrue(
        HeadlessChromium.available() || "true".equals(System.getenv("CI")),
        "Debian's chromium and chromium-driver are needed: apt-get install chromium chromium-driver");
    stopServer("ada");
    provider.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default",
            "ada",
            "JWT",
            List.of("tito"),
            Map.of("email", "ada@example.edu", "email_verified", true),
            3600));
    org.openqa.selenium.chrome.ChromeDriver chrome =
        HeadlessChromium.start(Files.createDirectories(temp.resolve("chromium")));
    try {
      chrome.get(origin + "/");
      assertThat(chrome.getPageSource()).contains("Sign in with your institution's account");
      chrome.findElement(org.openqa.selenium.By.linkText("Sign in")).click();

      // the provider sends her back; her server is stopped, so the start page asks for it and shows
      // the steps
      Eventually.holds(
          () -> chrome.getCurrentUrl().contains("/_tito/servers/course/ml/ada"), "the start page");
      Eventually.holds(
          () ->
              client
                  .apps()
                  .statefulSets()
                  .inNamespace(NAMESPACE)
                  .withName("ml-ada")
                  .get()
                  .getMetadata()
                  .getAnnotations()
                  .containsKey(ServerState.START_REQUEST),
          "the page's start request");
      playOperatorAndKubelet("ada");
      Eventually.holds(
          () -> chrome.getCurrentUrl().startsWith(origin + "/user/ml/ada/"),
          "landing in her server");
      assertThat(chrome.getPageSource()).doesNotContain(ADA_TOKEN);

      // a cell over the kernel's WebSocket, from the page, with nothing but the browser's own
      // cookie
      Object printed = chrome.executeAsyncScript(BROWSER_CELL, "print(6 * 7)");
      assertThat(printed).isEqualTo("42\n");

      chrome.get(origin + "/_tito/logout");
      chrome.findElement(org.openqa.selenium.By.cssSelector("form button")).click();
      Eventually.holds(
          () -> chrome.getPageSource().contains("You are signed out"),
          "the signed-out page; at " + chrome.getCurrentUrl() + ": " + chrome.getPageSource());
      chrome.get(origin + "/");
      assertThat(chrome.getPageSource()).contains("Sign in with your institution's account");
    } finally {
      chrome.quit();
    }
  }

  @Test
  void graceOpensAdasServerOnItsOwnHostOnceAndTheClassIsToldAdaCannotAndAClassThatForbidsItRefuses()
      throws Exception {
    playOperatorAndKubelet("ada");
    Eventually.holds(() -> gatewaySeesReady("ada"), "ada's server ready");
    Browser browser = new Browser(origin);
    signIn(browser, "grace@example.edu", "/");
    int port = URI.create(origin).getPort();
    ServerHost adaHost = new ServerHost("ml-ada.servers.test", port);
    assertThat(browser.get("/_tito/open").body()).contains(adaHost.origin() + "/_tito/enter");

    // the server's host sets its state cookie and sends her to the gateway, which sends a code back
    ServerHost.Answer enter = adaHost.get("/_tito/enter?next=/user/ml/ada/api/status");
    assertThat(enter.status()).isEqualTo(302);
    String stateCookie = adaHost.cookie("__Host-tito-handoff");
    assertThat(stateCookie).isNotNull();
    HttpResponse<String> open = browser.get(enter.header("Location"));
    assertThat(open.statusCode()).as(open.body()).isEqualTo(302);
    String entered = open.headers().firstValue("Location").orElseThrow();
    assertThat(entered).startsWith(adaHost.origin() + "/_tito/entered?code=");
    String path = entered.substring(adaHost.origin().length());
    ServerHost.Answer in = adaHost.get(path);
    assertThat(in.status()).as(in.body()).isEqualTo(302);
    assertThat(in.header("Location")).isEqualTo("/user/ml/ada/api/status");
    assertThat(in.headers().get("set-cookie"))
        .anySatisfy(
            c -> assertThat(c).startsWith("__Host-tito-server=").containsIgnoringCase("HttpOnly"));

    // Jupyter answers on ada's host with the token the gateway added; the gateway's cookies stay
    // behind
    ServerHost.Answer status = adaHost.get("/user/ml/ada/api/status");
    assertThat(status.status()).as(status.body()).isEqualTo(200);
    assertThat(status.body()).contains("last_activity").doesNotContain(ADA_TOKEN);
    Eventually.holds(
        () ->
            client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .anyMatch(
                    e ->
                        e.getReason().equals("InstructorOpenedServer")
                            && e.getType().equals("Normal")
                            && e.getInvolvedObject().getName().equals("ml-ada")
                            && e.getMessage().contains("grace@example.edu")),
        "the InstructorOpenedServer Event on ml-ada");

    // the code once only: the state cookie is gone, and with a copy of it the code is spent
    assertThat(adaHost.get(path).body()).contains("did not ask");
    adaHost.setCookie("__Host-tito-handoff", stateCookie);
    assertThat(adaHost.get(path).body()).contains("used already");
    // ada's host's cookie opens neither ben's path there nor ben's host
    assertThat(adaHost.get("/user/ml/ben/api/status").status()).isEqualTo(404);
    ServerHost benHost = new ServerHost("ml-ben.servers.test", port);
    benHost.setCookie("__Host-tito-server", adaHost.cookie("__Host-tito-server"));
    assertThat(benHost.get("/user/ml/ben/api/status").header("Location"))
        .startsWith("/_tito/enter");
    // on the gateway's own origin she still reaches no student's server
    assertThat(browser.fetch("/user/ml/ada/api/status").statusCode()).isEqualTo(404);

    // ada, a student, is refused the handoff to her own server's host
    Browser ada = new Browser(origin);
    signIn(ada, "ada@example.edu", "/");
    assertThat(ada.get(enter.header("Location")).statusCode()).isEqualTo(403);

    // once the class no longer allows it, grace's open session on ada's host and a new handoff are
    // refused
    setInstructorsOpenServers(false);
    try {
      Eventually.holds(
          () -> adaHostStatus(adaHost) == 403,
          "ada's host refusing grace once the class forbids it");
      ServerHost.Answer again = adaHost.get("/_tito/enter");
      assertThat(browser.get(again.header("Location")).statusCode()).isEqualTo(403);
    } finally {
      setInstructorsOpenServers(true);
    }
  }

  private static int adaHostStatus(ServerHost host) {
    try {
      return host.get("/user/ml/ada/api/status").status();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void setInstructorsOpenServers(boolean allowed) {
    client
        .resources(Classroom.class)
        .inNamespace(NAMESPACE)
        .withName("ml")
        .edit(
            c -> {
              c.getSpec().gateway.instructorsOpenServers = allowed;
              return c;
            });
    gateway.classes().refresh();
  }

  /** Starts a kernel and runs one cell over its channels WebSocket, as JupyterLab does, from inside the page. */
  static final String BROWSER_CELL =
      """
      const code = arguments[0], done = arguments[arguments.length - 1];
      const base = '/user/ml/ada/';
      fetch(base + 'api/kernels', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"name":"python3"}'})
        .then(r => r.json()).then(kernel => {
          const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + base
              + 'api/kernels/' + kernel.id + '/channels');
          const id = 'cell-' + Date.now();
          let out = '';
          ws.onmessage = e => {
            const m = JSON.parse(e.data);
            if (m.parent_header.msg_id !== id) return;
            if (m.msg_type === 'stream') out += m.content.text;
            if (m.msg_type === 'status' && m.content.execution_state === 'idle') { ws.close(); done(out); }
          };
          ws.onerror = () => done('websocket error');
          ws.onopen = () => ws.send(JSON.stringify({header: {msg_id: id, username: 'ada', session: id,
              msg_type: 'execute_request', version: '5.3', date: new Date().toISOString()}, parent_header: {},
              metadata: {}, channel: 'shell', content: {code: code, silent: false, store_history: true,
              user_expressions: {}, allow_stdin: false}}));
        }).catch(e => done('failed: ' + e));
      """;

  @Test
  void adaCannotReachBensServerByAnySpellingOfItsAddress() throws Exception {
    Browser browser = new Browser(origin);
    signIn(browser, "ada@example.edu", "/");
    for (String path :
        List.of(
            "/user/ml/ben/api/status",
            "/user/ml/ada/../ben/api/status",
            "/user/ml/ada/%2e%2e/ben/api/status",
            "/user/ml/%62en/api/status",
            "/user/ml/ada/..%2fben/api/status",
            "/_tito/servers/course/ml/ben")) {
      HttpResponse<String> answer = browser.fetch(path);

      assertThat(answer.statusCode()).as(path).isIn(400, 404);
      assertThat(answer.body()).as(path).doesNotContain("last_activity");
    }
    HttpResponse<String> start =
        browser.post("/_tito/servers/course/ml/ben/start", "", Map.of("Origin", origin));
    assertThat(start.statusCode()).isEqualTo(404);
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace(NAMESPACE)
                .withName("ml-ben")
                .get()
                .getMetadata()
                .getAnnotations())
        .doesNotContainKey(ServerState.START_REQUEST);
  }

  @Test
  void someoneNotOnTheRosterIsToldSoAndGetsNoSession() throws Exception {
    Browser browser = new Browser(origin);
    HttpResponse<String> answer = signIn(browser, "eve@example.edu", "/");

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body())
        .contains("You are not on a class list here")
        .contains("eve@example.edu");
    assertThat(browser.cookie(GatewayServer.SESSION_COOKIE)).isNull();
  }

  @Test
  void theSessionCookieIsHttpOnlySecureSameSiteAndSigningOutEndsIt() throws Exception {
    Browser browser = new Browser(origin);
    HttpResponse<String> back = signInRaw(browser, "ada@example.edu", "/");
    String setCookie =
        back.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(GatewayServer.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie)
        .containsIgnoringCase("HttpOnly")
        .contains("Secure")
        .contains("SameSite=Lax")
        .contains("Path=/");

    HttpResponse<String> confirm = browser.get("/_tito/logout");
    String csrf = attribute(confirm.body(), "value");
    HttpResponse<String> forged =
        browser.post(
            "/_tito/logout",
            "csrf=wrong",
            Map.of("Origin", origin, "Content-Type", "application/x-www-form-urlencoded"));
    assertThat(forged.statusCode()).isEqualTo(403);
    HttpResponse<String> out =
        browser.post(
            "/_tito/logout",
            "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8),
            Map.of("Origin", origin, "Content-Type", "application/x-www-form-urlencoded"));

    assertThat(out.body()).contains("You are signed out");
    assertThat(browser.cookie(GatewayServer.SESSION_COOKIE)).isNull();
    assertThat(browser.get("/user/ml/ada/lab").headers().firstValue("Location").orElseThrow())
        .startsWith("/_tito/login");
  }

  @Test
  void aCopyOfASessionCookieTakenBeforeSigningOutOpensNothingAfter() throws Exception {
    Browser browser = new Browser(origin);
    signIn(browser, "ada@example.edu", "/");
    String copy = browser.cookie(GatewayServer.SESSION_COOKIE);
    String csrf = attribute(browser.get("/_tito/logout").body(), "value");
    browser.post(
        "/_tito/logout",
        "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8),
        Map.of("Origin", origin, "Content-Type", "application/x-www-form-urlencoded"));

    Browser thief = new Browser(origin);
    thief.setCookie(origin, GatewayServer.SESSION_COOKIE, copy);
    HttpResponse<String> replayed = thief.get("/user/ml/ada/api/status");

    assertThat(replayed.statusCode()).as(replayed.body()).isIn(302, 401, 403);
    assertThat(replayed.body()).doesNotContain("\"started\"");
    assertThat(
            client
                .configMaps()
                .inNamespace("tito-system")
                .withName("tito-gateway-signed-out")
                .get()
                .getData())
        .as("shared with the other replicas")
        .containsKey(
            "session."
                + JSON.readTree(Base64.getUrlDecoder().decode(copy.substring(0, copy.indexOf('.'))))
                    .get("id")
                    .asText());
  }

  @Test
  void aForgedOrTamperedSessionCookieIsNoSession() throws Exception {
    Browser browser = new Browser(origin);
    signIn(browser, "ada@example.edu", "/");
    String real = browser.cookie(GatewayServer.SESSION_COOKIE);
    String body =
        new String(
            Base64.getUrlDecoder().decode(real.substring(0, real.indexOf('.'))),
            StandardCharsets.UTF_8);
    String asBen =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(body.replace("ada@", "ben@").getBytes(StandardCharsets.UTF_8))
            + real.substring(real.indexOf('.'));
    browser.setCookie(origin, GatewayServer.SESSION_COOKIE, asBen);

    assertThat(browser.get("/user/ml/ben/lab").headers().firstValue("Location").orElseThrow())
        .startsWith("/_tito/login");
  }

  @Test
  void afterSignInAPersonLandsOnThisSiteEvenWhenTheLinkNamedAnother() throws Exception {
    Browser browser = new Browser(origin);
    HttpResponse<String> back = signInRaw(browser, "ada@example.edu", "https://evil.example/steal");

    assertThat(back.headers().firstValue("Location")).contains("/");
  }

  @Test
  void anotherSitesPageCannotOpenAKernelWebSocketOrPostWithAdasSession() throws Exception {
    Browser browser = new Browser(origin);
    signIn(browser, "ada@example.edu", "/");
    playOperatorAndKubelet("ada");
    awaitProxied(browser, "/user/ml/ada/api/status");

    HttpResponse<String> post =
        browser.post("/user/ml/ada/api/kernels", "{}", Map.of("Origin", "https://evil.example"));
    assertThat(post.statusCode()).isEqualTo(403);
    CompletableFuture<WebSocket> socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Cookie", browser.cookieHeader(origin))
            .header("Origin", "https://evil.example")
            .buildAsync(
                URI.create(origin.replace("http", "ws") + "/user/ml/ada/api/kernels/x/channels"),
                new WebSocket.Listener() {});
    assertThat(socket).failsWithin(Duration.ofSeconds(10));
  }

  /** Signs in through the provider and follows the gateway's redirects to where it sends the person. */
  private static HttpResponse<String> signIn(Browser browser, String email, String path)
      throws Exception {
    HttpResponse<String> back = signInRaw(browser, email, path);
    if (back.statusCode() != 302) {
      return back;
    }
    return browser.get(back.headers().firstValue("Location").orElseThrow());
  }

  /** The gateway's answer to the provider's redirect back (the callback). */
  private static HttpResponse<String> signInRaw(Browser browser, String email, String path)
      throws Exception {
    return OidcSignIn.callback(provider, browser, email, path);
  }

  /** What the operator and the kubelet do after a start request: one replica, and a ready pod. */
  private static void playOperatorAndKubelet(String student) {
    String name = "ml-" + student;
    client
        .apps()
        .statefulSets()
        .inNamespace(NAMESPACE)
        .withName(name)
        .edit(
            s -> {
              s.getSpec().setReplicas(1);
              s.getMetadata().getAnnotations().remove(ServerState.START_REQUEST);
              return s;
            });
    client
        .apps()
        .statefulSets()
        .inNamespace(NAMESPACE)
        .withName(name)
        .editStatus(
            s -> {
              s.getStatus().setReadyReplicas(1);
              s.getStatus().setReplicas(1);
              return s;
            });
    if (client.pods().inNamespace(NAMESPACE).withName(name + "-0").get() == null) {
      client
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName(name + "-0")
                  .withNamespace(NAMESPACE)
                  .endMetadata()
                  .withNewStatus()
                  .addNewCondition()
                  .withType("PodScheduled")
                  .withStatus("True")
                  .endCondition()
                  .addNewContainerStatus()
                  .withName("jupyter")
                  .withReady(true)
                  .withNewState()
                  .withNewRunning()
                  .endRunning()
                  .endState()
                  .endContainerStatus()
                  .endStatus()
                  .build())
          .create();
    }
  }

  /** What the operator does when a server has been idle: no replica; the gateway sees it within moments. */
  private static void stopServer(String student) throws Exception {
    client.pods().inNamespace(NAMESPACE).withName("ml-" + student + "-0").delete();
    client
        .apps()
        .statefulSets()
        .inNamespace(NAMESPACE)
        .withName("ml-" + student)
        .edit(
            s -> {
              s.getSpec().setReplicas(0);
              return s;
            });
    client
        .apps()
        .statefulSets()
        .inNamespace(NAMESPACE)
        .withName("ml-" + student)
        .editStatus(
            s -> {
              s.getStatus().setReadyReplicas(0);
              return s;
            });
    for (int i = 0; i < 100 && gatewaySeesReady(student); i++) {
      Thread.sleep(50);
    }
  }

  private static boolean gatewaySeesReady(String student) {
    return gateway
        .classes()
        .ready(new ServerRef(NAMESPACE, "ml", student, "/user/ml/" + student + "/", 8888));
  }

  private static JsonNode awaitStep(Browser browser, String step) throws Exception {
    JsonNode progress = null;
    for (int i = 0; i < 100; i++) {
      progress = JSON.readTree(browser.fetch("/_tito/servers/course/ml/ada/progress").body());
      if (progress.path("step").asText().equals(step)) {
        return progress;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server never reached " + step + "; last progress " + progress);
  }

  /** The informer sees the started server within moments: until then the gateway still says it is not running. */
  private static HttpResponse<String> awaitProxied(Browser browser, String path) throws Exception {
    HttpResponse<String> answer = null;
    for (int i = 0; i < 100; i++) {
      answer = browser.fetch(path);
      if (answer.statusCode() != 503) {
        return answer;
      }
      Thread.sleep(100);
    }
    return answer;
  }

  /** Sends one execute_request over the kernel's channels WebSocket (Jupyter's protocol, JSON) and gathers its stdout. */
  private static String runCell(Browser browser, String kernelId, String code, String pageOrigin)
      throws Exception {
    StringBuilder stdout = new StringBuilder();
    CompletableFuture<String> done = new CompletableFuture<>();
    String msgId = UUID.randomUUID().toString();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Cookie", browser.cookieHeader(origin))
            .header("Origin", pageOrigin)
            .buildAsync(
                URI.create(
                    origin.replace("http", "ws")
                        + "/user/ml/ada/api/kernels/"
                        + kernelId
                        + "/channels"),
                new WebSocket.Listener() {
                  final StringBuilder partial = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(
                      WebSocket webSocket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      try {
                        JsonNode message = JSON.readTree(partial.toString());
                        partial.setLength(0);
                        if (msgId.equals(message.path("parent_header").path("msg_id").asText())) {
                          String type = message.path("msg_type").asText();
                          if (type.equals("stream")) {
                            stdout.append(message.path("content").path("text").asText());
                          } else if (type.equals("status")
                              && message
                                  .path("content")
                                  .path("execution_state")
                                  .asText()
                                  .equals("idle")) {
                            done.complete(stdout.toString());
                          }
                        }
                      } catch (Exception e) {
                        done.completeExceptionally(e);
                      }
                    }
                    webSocket.request(1);
                    return null;
                  }
                })
            .get(20, TimeUnit.SECONDS);
    Map<String, Object> request =
        Map.of(
            "header",
            Map.of(
                "msg_id",
                msgId,
                "username",
                "ada",
                "session",
                UUID.randomUUID().toString(),
                "msg_type",
                "execute_request",
                "version",
                "5.3",
                "date",
                java.time.Instant.now().toString()),
            "parent_header",
            Map.of(),
            "metadata",
            Map.of(),
            "channel",
            "shell",
            "content",
            Map.of(
                "code",
                code,
                "silent",
                false,
                "store_history",
                true,
                "user_expressions",
                Map.of(),
                "allow_stdin",
                false));
    socket.sendText(JSON.writeValueAsString(request), true);
    try {
      return done.get(30, TimeUnit.SECONDS);
    } finally {
      socket.abort();
    }
  }

  private static String attribute(String html, String name) {
    Matcher matcher = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
    assertThat(matcher.find()).as(name + " in " + html).isTrue();
    return matcher.group(1);
  }

  private static Classroom classroom() {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.getMetadata().setNamespace(NAMESPACE);
    classroom.setSpec(new dev.tito.api.classroom.ClassroomSpec());
    classroom.getSpec().environment.image = "jupyter@sha256:" + "0".repeat(64);
    RosterStudent ada = new RosterStudent("ada");
    ada.email = "ada@example.edu";
    RosterStudent ben = new RosterStudent("ben");
    ben.email = "ben@example.edu";
    classroom.getSpec().roster.students = new ArrayList<>(List.of(ada, ben));
    classroom.getSpec().gateway = new GatewayAccess();
    classroom.getSpec().gateway.instructors = List.of("grace@example.edu");
    classroom.getSpec().gateway.instructorsOpenServers = true;
    return classroom;
  }

  private static StatefulSet server(String student) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("ml-" + student)
        .withNamespace(NAMESPACE)
        .addToLabels("app.kubernetes.io/managed-by", "tito-operator")
        .addToLabels("app.kubernetes.io/component", "jupyter-server")
        .addToLabels("tito.dev/classroom", "ml")
        .addToLabels("tito.dev/student", student)
        .addToAnnotations(ServerState.STOP_REASON, "NotStarted")
        .endMetadata()
        .withNewSpec()
        .withReplicas(0)
        .endSpec()
        .withNewStatus()
        .withReplicas(0)
        .endStatus()
        .build();
  }
}
