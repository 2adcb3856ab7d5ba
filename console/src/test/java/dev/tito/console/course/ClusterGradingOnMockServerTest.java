package dev.tito.console.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.review.Review;
import dev.tito.api.submission.Submission;
import dev.tito.api.testing.GradedSubmissions;
import dev.tito.console.web.Pages;
import dev.tito.console.web.WebRequest;
import dev.tito.console.web.WebResponse;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's grading form on a cluster (Fabric8's mock API server): a grade becomes ada's Review, written by the
 * code of {@code tito grades set --cluster}; a form made before someone else's grade is a conflict; a form for a
 * Submission deleted meanwhile is refused with what was typed.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterGradingOnMockServerTest {
  private static final String NS = "physics";
  static KubernetesClient client;
  private static ClusterCourse course;
  private static Pages pages;

  @BeforeAll
  static void theAssignmentAndTheConsole() {
    client.resource(GradedSubmissions.assignment(NS, "tensor")).create();
    course = new ClusterCourse(client, NS, Clock.systemUTC());
    pages = new Pages(course, Clock.systemUTC(), "alice");
  }

  @AfterAll
  static void closeTheConsole() {
    course.close();
  }

  /** A student's graded hand-in of ada's notebook, waiting for a person, as the console's watch sees it. */
  private static void gradedHandIn(String student) {
    client.resource(GradedSubmissions.adasFiles(NS, "tensor-" + student + "-1")).create();
    Submission submission =
        GradedSubmissions.adasSubmission(NS, "tensor", "tensor-" + student + "-1");
    submission.getSpec().student = student;
    Submission created = client.resource(submission).create();
    created.setStatus(GradedSubmissions.waitingForAPerson());
    client.resource(created).updateStatus();
    await(
        () -> course.grades().get(0).results().stream().anyMatch(r -> r.student().equals(student)));
  }

  @Test
  void theSubmissionPageShowsAdasAnswerAndItsGradeIsWrittenAsHerReview() {
    gradedHandIn("ada");
    WebResponse page = pages.handle(WebRequest.of("GET", "/submission/tensor/ada", null, null));
    WebResponse saved = grade("ada", "2.5", "Say which <sizes>.");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text())
        .contains(GradedSubmissions.ANSWER, "waits for a person", "name=\"seen\" value=\"\"");
    assertThat(saved.status()).as(saved.text()).isEqualTo(303);
    Review review = client.resources(Review.class).inNamespace(NS).withName("tensor.ada").get();
    assertThat(review.getSpec().grades)
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.score).isEqualTo(2.5);
              assertThat(g.comment).isEqualTo("Say which <sizes>.");
              assertThat(g.gradedBy).isEqualTo("alice");
            });
  }

  @Test
  void aFormMadeBeforeSomeoneElsesGradeIsAConflictAndTheirGradeStays() {
    gradedHandIn("ben");
    grade("ben", "2.5", "first");
    WebResponse stale = grade("ben", "1", "second");

    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.text())
        .contains(
            "Someone else graded 2.5 by alice at ",
            "since you saw it; nothing was saved",
            ">second</textarea>");
    assertThat(
            client
                .resources(Review.class)
                .inNamespace(NS)
                .withName("tensor.ben")
                .get()
                .getSpec()
                .grades)
        .singleElement()
        .satisfies(g -> assertThat(g.score).isEqualTo(2.5));
  }

  @Test
  void aGradeForASubmissionDeletedMeanwhileIsRefusedAndWhatWasTypedIsShown() {
    gradedHandIn("cy");
    client.resources(Submission.class).inNamespace(NS).withName("tensor-cy-1").delete();
    await(() -> course.grades().get(0).results().stream().noneMatch(r -> r.student().equals("cy")));

    WebResponse refused = grade("cy", "2", "Good <b>answer</b>");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.text())
        .contains(
            "no Graded Submission of Assignment tensor by student 'cy'",
            "What you typed: score 2, comment: Good &lt;b&gt;answer&lt;/b&gt;");
    assertThat(client.resources(Review.class).inNamespace(NS).withName("tensor.cy").get()).isNull();
  }

  /** The form of ada's written answer, as a page made before any grade of it sends it. */
  private static WebResponse grade(String student, String score, String comment) {
    return pages.handle(
        WebRequest.of(
            "POST",
            "/grade/tensor/" + student,
            null,
            "notebook=01_tensor&cell=explain&seen=&score="
                + score
                + "&comment="
                + URLEncoder.encode(comment, StandardCharsets.UTF_8)));
  }

  private static void await(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited 10 s for the console's watch");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
