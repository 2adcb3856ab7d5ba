package dev.tito.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.gateway.InstructorAssertion;
import dev.tito.api.review.Review;
import dev.tito.api.submission.Submission;
import dev.tito.api.testing.GradedSubmissions;
import dev.tito.console.course.ClusterCourse;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console as it runs in the cluster, behind the gateway (Fabric8's mock API server): it serves the class ml of
 * namespace physics under {@code /_tito/console/physics/ml/} to requests carrying the gateway's assertion for that
 * class, with every link, form and file under that path, and records the instructor the assertion names on the grades
 * they give; without a valid assertion it shows nothing.
 */
@EnableKubernetesMockClient(crud = true)
class ConsoleBehindGatewayOnMockServerTest {
  private static final String NS = "physics";
  private static final String ORIGIN = "https://classes.example.edu";
  private static final String BASE = "/_tito/console/physics/ml/";
  private static final byte[] KEY =
      "the console key, at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
  static KubernetesClient client;
  private static Console console;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void theClassesAndTheConsole() throws Exception {
    client.resource(GradedSubmissions.assignment(NS, "tensor")).create();
    Assignment chemistry = GradedSubmissions.assignment(NS, "titration");
    chemistry.getSpec().classroom = "chem";
    client.resource(chemistry).create();
    client.resource(GradedSubmissions.adasFiles(NS, "tensor-ada-1")).create();
    Submission created =
        client.resource(GradedSubmissions.adasSubmission(NS, "tensor", "tensor-ada-1")).create();
    created.setStatus(GradedSubmissions.waitingForAPerson());
    client.resource(created).updateStatus();
    ClusterCourse physics = new ClusterCourse(client, NS, Clock.systemUTC());
    console =
        Console.behindGateway(Map.of(NS, physics), URI.create(ORIGIN), KEY, 0, Clock.systemUTC());
    Instant deadline = Instant.now().plusSeconds(10);
    while (physics.grades().stream().noneMatch(m -> !m.results().isEmpty())) {
      assertThat(Instant.now()).as("the console's watch sees ada's hand-in").isBefore(deadline);
      Thread.sleep(20);
    }
  }

  @AfterAll
  static void stop() {
    console.close();
  }

  @Test
  void gracesGradebookIsServedUnderTheClassPathWithEveryLinkAndFileBelowIt() throws Exception {
    HttpResponse<String> page = get(BASE, grace("ml"));
    HttpResponse<String> script = get(BASE + "static/console.js", grace("ml"));
    HttpResponse<String> bare = get("/_tito/console/physics/ml", grace("ml"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "<base href=\"" + BASE + "\">",
            "href=\"static/console.css\"",
            "href=\"module/tensor\"",
            "href=\"submission/tensor/ada\"",
            "class ml in namespace physics")
        .doesNotContain("titration");
    // only the gateway's own pages are named from its root: the class list and signing out
    assertThat(
            java.util.regex.Pattern.compile("(?:href|src|action)=\"(/[^\"]*)\"")
                .matcher(page.body())
                .results()
                .map(m -> m.group(1)))
        .containsOnly(BASE, "/", "/_tito/logout");
    assertThat(page.body()).contains("grace@example.edu · <a href=\"/\">Your classes</a>");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("base-uri 'self'", "frame-ancestors 'none'");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("new EventSource(\"events\")");
    assertThat(bare.statusCode()).isEqualTo(303);
    assertThat(bare.headers().firstValue("Location")).contains(BASE);
  }

  @Test
  void aGradeGivenThroughTheGatewayIsRecordedAsGivenByTheInstructorItVouchedFor() throws Exception {
    HttpResponse<String> saved =
        post(
            BASE + "grade/tensor/ada",
            grace("ml"),
            ORIGIN,
            "notebook=01_tensor&cell=explain&seen=&score=2");

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location").orElseThrow())
        .startsWith(BASE + "submission/tensor/ada?flash=");
    Review review = client.resources(Review.class).inNamespace(NS).withName("tensor.ada").get();
    assertThat(review.getSpec().grades)
        .singleElement()
        .satisfies(g -> assertThat(g.gradedBy).isEqualTo("grace@example.edu"));
  }

  @Test
  void withoutAValidAssertionForThisClassTheConsoleShowsNothingAndWritesNothing() throws Exception {
    String forged =
        InstructorAssertion.of("grace@example.edu", NS, "ml", Instant.now())
            .sign(
                "a student's guess at the key, thirty-two bytes".getBytes(StandardCharsets.UTF_8));
    String expired =
        InstructorAssertion.of("grace@example.edu", NS, "ml", Instant.now().minusSeconds(120))
            .sign(KEY);
    for (String assertion :
        new String[] {null, forged, expired, grace("chem"), "grace@example.edu"}) {
      HttpResponse<String> page = get(BASE + "submission/tensor/ada", assertion);
      assertThat(page.statusCode()).as(assertion).isEqualTo(403);
      assertThat(page.body()).doesNotContain("ada", "tensor", "explain");
    }
    HttpResponse<String> crossSite =
        post(
            BASE + "grade/tensor/ben",
            grace("ml"),
            "https://evil.example",
            "notebook=01_tensor&cell=explain&seen=&score=2");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(client.resources(Review.class).inNamespace(NS).withName("tensor.ben").get())
        .isNull();
  }

  @Test
  void anInstructorOfOneClassFindsNoneOfAnotherClassOfTheNamespace() throws Exception {
    HttpResponse<String> chem = get("/_tito/console/physics/chem/", grace("chem"));
    HttpResponse<String> tensorFromChem =
        get("/_tito/console/physics/chem/module/tensor", grace("chem"));

    assertThat(chem.statusCode()).isEqualTo(200);
    assertThat(chem.body()).contains("titration").doesNotContain("tensor", "ada");
    assertThat(tensorFromChem.body()).contains("no module 'tensor' in class chem");
  }

  private static String grace(String classroom) {
    return InstructorAssertion.of("grace@example.edu", NS, classroom, Instant.now()).sign(KEY);
  }

  private static HttpResponse<String> get(String path, String assertion) throws Exception {
    return HTTP.send(request(path, assertion).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(
      String path, String assertion, String origin, String form) throws Exception {
    return HTTP.send(
        request(path, assertion)
            .header("Origin", origin)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path, String assertion) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + path))
            .timeout(Duration.ofSeconds(20));
    if (assertion != null) {
      builder.header(InstructorAssertion.HEADER, assertion);
    }
    return builder;
  }
}
