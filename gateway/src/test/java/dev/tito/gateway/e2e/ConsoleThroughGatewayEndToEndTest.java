package dev.tito.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.GatewayAccess;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.api.gateway.InstructorAssertion;
import dev.tito.api.review.Review;
import dev.tito.api.submission.Submission;
import dev.tito.api.testing.GradedSubmissions;
import dev.tito.console.Console;
import dev.tito.console.course.ClusterCourse;
import dev.tito.controlplane.Eventually;
import dev.tito.controlplane.HeadlessChromium;
import dev.tito.gateway.GatewayConfig;
import dev.tito.gateway.TitoGateway;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.net.SocketAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The instructors' console behind the gateway, end to end: a real OpenID Connect provider (mock-oauth2-server), the
 * gateway, the console as its Deployment runs it (both reading Fabric8's mock API server), the Classroom ml with grace
 * as its instructor and ada's graded hand-in. grace signs in and grades through the gateway; ada, a student of the
 * class, finds no console there.
 */
@EnableKubernetesMockClient(crud = true)
class ConsoleThroughGatewayEndToEndTest {
  static KubernetesClient client;
  static final String NAMESPACE = "course";
  static final String BASE = "/_tito/console/course/ml/";
  static final String KEY = "the console key, at least thirty-two bytes";
  static MockOAuth2Server provider;
  static Console console;
  static TitoGateway gateway;
  static String origin;
  @TempDir static Path temp;

  @BeforeAll
  static void startEverything() throws Exception {
    provider = new MockOAuth2Server();
    provider.start();
    client.resource(classroom()).create();
    client.resource(GradedSubmissions.assignment(NAMESPACE, "tensor")).create();
    client.resource(GradedSubmissions.adasFiles(NAMESPACE, "tensor-ada-1")).create();
    Submission created =
        client
            .resource(GradedSubmissions.adasSubmission(NAMESPACE, "tensor", "tensor-ada-1"))
            .create();
    created.setStatus(GradedSubmissions.waitingForAPerson());
    client.resource(created).updateStatus();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("tito-gateway-signed-out")
                .withNamespace("tito-system")
                .endMetadata()
                .build())
        .create();
    int port = JupyterServerProcess.freePort();
    origin = "http://127.0.0.1:" + port;
    ClusterCourse course = new ClusterCourse(client, NAMESPACE, Clock.systemUTC());
    console =
        Console.behindGateway(
            Map.of(NAMESPACE, course),
            URI.create(origin),
            KEY.getBytes(StandardCharsets.UTF_8),
            0,
            Clock.systemUTC());
    GatewayConfig config =
        GatewayConfig.fromEnvironment(
            Map.of(
                GatewayConfig.PORT,
                Integer.toString(port),
                GatewayConfig.PUBLIC_URL,
                origin,
                GatewayConfig.NAMESPACES,
                NAMESPACE,
                GatewayConfig.ISSUER,
                provider.issuerUrl("default").toString(),
                GatewayConfig.CLIENT_ID,
                "tito",
                GatewayConfig.CLIENT_SECRET,
                "tito-secret",
                GatewayConfig.SESSION_KEY,
                "a session key of at least thirty-two bytes",
                GatewayConfig.SIGNED_OUT,
                "tito-system/tito-gateway-signed-out",
                GatewayConfig.CONSOLE,
                "127.0.0.1:" + console.port(),
                GatewayConfig.CONSOLE_KEY,
                KEY));
    gateway =
        new TitoGateway(
            client,
            config,
            server -> SocketAddress.inetSocketAddress(1, "127.0.0.1"),
            server -> {},
            Clock.systemUTC());
    gateway.start();
    Instant deadline = Instant.now().plusSeconds(20);
    while (course.grades().stream().allMatch(m -> m.results().isEmpty())) {
      assertThat(Instant.now()).as("the console's watch sees ada's hand-in").isBefore(deadline);
      Thread.sleep(20);
    }
  }

  @AfterAll
  static void stopEverything() {
    if (gateway != null) {
      gateway.close();
    }
    if (console != null) {
      console.close();
    }
    if (provider != null) {
      provider.shutdown();
    }
  }

  @Test
  void graceSignsInOpensTheGradebookThroughTheGatewayAndHerGradeIsRecordedAsHers()
      throws Exception {
    Browser browser = new Browser(origin);
    HttpResponse<String> landing =
        browser.follow(OidcSignIn.callback(provider, browser, "grace@example.edu", "/"));
    assertThat(landing.body()).contains("href=\"" + BASE + "\"");

    HttpResponse<String> gradebook = browser.get(BASE);
    assertThat(gradebook.statusCode()).as(gradebook.body()).isEqualTo(200);
    assertThat(gradebook.body())
        .contains("<base href=\"" + BASE + "\">", "href=\"submission/tensor/ada\"", "1 to grade");
    HttpResponse<String> submission = browser.get(BASE + "submission/tensor/ada");
    assertThat(submission.body()).contains(GradedSubmissions.ANSWER);
    java.util.regex.Matcher seen =
        java.util.regex.Pattern.compile("name=\"seen\" value=\"([^\"]*)\"")
            .matcher(submission.body());
    assertThat(seen.find()).isTrue();

    // an assertion a page might add is dropped by the gateway: the grade is grace's
    HttpResponse<String> saved =
        browser.post(
            BASE + "grade/tensor/ada",
            "notebook=01_tensor&cell=explain&score=2.5&comment=Name+the+sizes.&seen="
                + java.net.URLEncoder.encode(seen.group(1), StandardCharsets.UTF_8),
            Map.of(
                "Origin",
                origin,
                "Content-Type",
                "application/x-www-form-urlencoded",
                InstructorAssertion.HEADER,
                "v1.forged"));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location").orElseThrow())
        .startsWith(BASE + "submission/tensor/ada?flash=");
    Review review =
        client.resources(Review.class).inNamespace(NAMESPACE).withName("tensor.ada").get();
    assertThat(review.getSpec().grades)
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.score).isEqualTo(2.5);
              assertThat(g.gradedBy).isEqualTo("grace@example.edu");
            });
    HttpResponse<String> after = browser.follow(saved);
    assertThat(after.body()).contains("Saved ada 01_tensor/explain: 2.5 by grace@example.edu");
  }

  @Test
  void inHeadlessChromiumGraceFollowsHerClassToTheConsoleWatchesItLiveAndGradesWithTheKeyboard()
      throws Exception {
    assumeTrue(
        HeadlessChromium.available() || "true".equals(System.getenv("CI")),
        "Debian's chromium and chromium-driver are needed: apt-get install chromium chromium-driver");
    provider.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default",
            "grace",
            "JWT",
            List.of("tito"),
            Map.of("email", "grace@example.edu", "email_verified", true),
            3600));
    ChromeDriver chrome = HeadlessChromium.start(Files.createDirectories(temp.resolve("chromium")));
    try {
      chrome.get(origin + "/");
      chrome.findElement(By.linkText("Sign in")).click();
      Eventually.holds(() -> chrome.getPageSource().contains("You teach"), "the landing page");
      chrome.findElement(By.linkText("ml")).click();
      Eventually.holds(() -> chrome.getTitle().startsWith("Gradebook"), "ml's gradebook");
      assertThat(chrome.getCurrentUrl()).isEqualTo(origin + BASE);

      // the live page's event stream, opened by the console's own script under the page's base
      chrome.findElement(By.linkText("Live class")).click();
      Eventually.holds(
          () -> chrome.findElement(By.id("live-state")).getText().equals("live"),
          "the live page's event stream");
      assertThat(chrome.getCurrentUrl()).isEqualTo(origin + BASE + "live");

      chrome.get(origin + BASE + "submission/tensor/ada#cell-01_tensor-explain");
      Eventually.holds(
          () -> "score".equals(chrome.switchTo().activeElement().getAttribute("name")),
          "the cursor in the answer's score");
      chrome.switchTo().activeElement().sendKeys("1.5", Keys.ENTER);
      Eventually.holds(
          () ->
              chrome
                  .getPageSource()
                  .contains("Saved ada 01_tensor/explain: 1.5 by grace@example.edu"),
          "the saved line; at " + chrome.getCurrentUrl());
      assertThat(chrome.getCurrentUrl()).startsWith(origin + BASE + "submission/tensor/ada");
    } finally {
      chrome.quit();
    }
  }

  @Test
  void theLiveClassStreamsItsEventsThroughTheGateway() throws Exception {
    Browser browser = new Browser(origin);
    OidcSignIn.callback(provider, browser, "grace@example.edu", "/");
    HttpResponse<java.io.InputStream> stream =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(origin + BASE + "events"))
                    .header("Cookie", browser.cookieHeader(origin))
                    .header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(20))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/event-stream");
      // the first event is sent at once: it arrives while the stream stays open
      String first =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return lines.readLine();
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .get(20, TimeUnit.SECONDS);
      assertThat(first).isEqualTo("event: live");
    }
  }

  @Test
  void adaAStudentOfTheClassFindsNoConsoleThereWhateverSheSends() throws Exception {
    Browser browser = new Browser(origin);
    OidcSignIn.callback(provider, browser, "ada@example.edu", "/");
    String forged =
        InstructorAssertion.of("grace@example.edu", NAMESPACE, "ml", Instant.now())
            .sign(
                "ada's guess at the key, at least thirty-two bytes"
                    .getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> page = browser.get(BASE);
    HttpResponse<String> withHeader =
        browser.post(
            BASE + "grade/tensor/ada",
            "notebook=01_tensor&cell=explain&seen=&score=5",
            Map.of(
                "Origin",
                origin,
                "Content-Type",
                "application/x-www-form-urlencoded",
                InstructorAssertion.HEADER,
                forged));

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).doesNotContain("tensor", "Gradebook");
    assertThat(withHeader.statusCode()).isEqualTo(404);
    assertThat(client.resources(Review.class).inNamespace(NAMESPACE).withName("tensor.ada").get())
        .satisfiesAnyOf(
            r -> assertThat(r).isNull(),
            r -> assertThat(r.getSpec().grades).noneMatch(g -> g.score == 5));
  }

  @Test
  void someoneNotSignedInIsSentToSignInAndBackToTheConsole() throws Exception {
    HttpResponse<String> answer = new Browser(origin).get(BASE);

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location").orElseThrow())
        .isEqualTo("/_tito/login?next=%2F_tito%2Fconsole%2Fcourse%2Fml%2F");
  }

  private static Classroom classroom() {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.getMetadata().setNamespace(NAMESPACE);
    classroom.setSpec(new dev.tito.api.classroom.ClassroomSpec());
    classroom.getSpec().environment.image = "jupyter@sha256:" + "0".repeat(64);
    RosterStudent ada = new RosterStudent("ada");
    ada.email = "ada@example.edu";
    classroom.getSpec().roster.students = new ArrayList<>(List.of(ada));
    classroom.getSpec().gateway = new GatewayAccess();
    classroom.getSpec().gateway.instructors = List.of("grace@example.edu");
    return classroom;
  }
}
