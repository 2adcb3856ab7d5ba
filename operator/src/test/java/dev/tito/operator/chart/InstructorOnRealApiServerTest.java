package dev.tito.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import dev.tito.api.review.Review;
import dev.tito.api.review.ReviewGrade;
import dev.tito.api.review.ReviewSpec;
import dev.tito.api.submission.Submission;
import dev.tito.api.testing.GradedSubmissions;
import dev.tito.cli.Tito;
import dev.tito.controlplane.RealApiServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * An instructor's own identity, bound by the chart's instructor role (instructors.users), on a real API server with
 * RBAC and the chart's admission policies: it grades by hand from the command line, and the API server refuses it the
 * students' Secrets, the servers' logs, Submissions and their status, and a Review that breaks the CRD's rules.
 */
class InstructorOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();
  private static final String RELEASE = "grading";
  private static String course;
  private static String system;

  @BeforeAll
  static void installTheChartForAClassWithAnInstructor() {
    system = api.createNamespace("tito-instructors");
    course = api.createNamespace("physics");
    new Helm(RenderedChart.CHART)
        .install()
        .withName(RELEASE)
        .withNamespace(system)
        .withKubeConfigContents(api.controlPlane().adminKubeconfig())
        .set("watchNamespaces[0]", course)
        .set("instructors.users[0]", "alice")
        .set("instructors.groups[0]", "physics-staff")
        .call();
    KubernetesClient admin = api.admin();
    admin.resource(GradedSubmissions.assignment(course, "tensor")).create();
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("ml-ada-token")
                .withNamespace(course)
                .endMetadata()
                .addToStringData("token", "secret")
                .build())
        .create();
    admin.resource(GradedSubmissions.adasFiles(course, "tensor-ada-1")).create();
    Submission created =
        admin.resource(GradedSubmissions.adasSubmission(course, "tensor", "tensor-ada-1")).create();
    created.setStatus(GradedSubmissions.waitingForAPerson());
    // only the operator may write a Submission's status (the chart's admission policy)
    try (KubernetesClient operator =
        new KubernetesClientBuilder()
            .withConfig(api.controlPlane().serviceAccountConfig(system, RELEASE + "-tito-operator"))
            .build()) {
      operator.resource(created).updateStatus();
    }
  }

  @Test
  void anInstructorReviewsAndGradesAdasAnswerFromTheCommandLineWithTheirOwnRights() {
    String[] review = tito("alice", null, "grades", "review", "tensor", "--cluster", "--answers");
    String[] set =
        tito(
            "alice",
            null,
            "grades",
            "set",
            "tensor",
            "ada",
            "explain",
            "--score",
            "2.5",
            "--comment",
            "Say which sizes.",
            "--cluster");

    assertThat(review[0]).as(review[2]).isEqualTo("0");
    assertThat(review[1])
        .contains(
            "written answer  0.0 / 3.0  waits for a person", "    " + GradedSubmissions.ANSWER);
    assertThat(set[0]).as(set[2]).isEqualTo("0");
    assertThat(set[1]).contains("ada 01_tensor/explain: 2.5 by " + System.getProperty("user.name"));
    Review written =
        api.admin().resources(Review.class).inNamespace(course).withName("tensor.ada").get();
    assertThat(written.getSpec().grades)
        .filteredOn(g -> g.gradeId.equals("explain"))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.score).isEqualTo(2.5);
              assertThat(g.comment).isEqualTo("Say which sizes.");
            });
  }

  @Test
  void twoInstructorsGradingAdaAtOnceBothKeepTheirGrades() throws Exception {
    String[][] runs = new String[2][];
    Thread bob =
        new Thread(
            () ->
                runs[1] =
                    tito(
                        "bob",
                        "physics-staff",
                        "grades",
                        "set",
                        "tensor",
                        "ada",
                        "test_add",
                        "--score",
                        "1",
                        "--cluster"));
    bob.start();
    runs[0] =
        tito(
            "alice",
            null,
            "grades",
            "set",
            "tensor",
            "ada",
            "explain",
            "--score",
            "3",
            "--cluster");
    bob.join();

    assertThat(runs[0][0]).as(runs[0][2]).isEqualTo("0");
    assertThat(runs[1][0]).as(runs[1][2]).isEqualTo("0");
    Review written =
        api.admin().resources(Review.class).inNamespace(course).withName("tensor.ada").get();
    assertThat(written.getSpec().grades)
        .extracting(g -> g.gradeId + "=" + g.score)
        .contains("explain=3.0", "test_add=1.0");
  }

  @Test
  void aMemberOfTheInstructorGroupMayWriteReviewsToo() {
    try (KubernetesClient staff = as("bob", "physics-staff")) {
      Review review = review("tensor.grace", "grace", 1.0, 3.0);
      assertThat(staff.resource(review).create().getMetadata().getUid()).isNotNull();
      assertThat(
              staff.resources(Review.class).inNamespace(course).withName("tensor.grace").delete())
          .isNotEmpty();
    }
  }

  @Test
  void anInstructorIsRefusedStudentSecretsServerLogsSubmissionsAndTheirStatus() {
    try (KubernetesClient alice = as("alice", null)) {
      Submission ada =
          alice.resources(Submission.class).inNamespace(course).withName("tensor-ada-1").get();
      ada.getStatus().score = 5.0;

      assertForbidden(() -> alice.secrets().inNamespace(course).withName("ml-ada-token").get());
      assertForbidden(() -> alice.secrets().inNamespace(course).list());
      assertForbidden(() -> alice.resource(ada).updateStatus());
      assertForbidden(() -> alice.resource(ada).update());
      assertForbidden(() -> alice.pods().inNamespace(course).withName("ml-ada-0").getLog());
      assertForbidden(() -> alice.resources(Review.class).inNamespace(system).list());
      assertThat(alice.resources(Submission.class).inNamespace(course).list().getItems())
          .hasSize(1);
    }
    try (KubernetesClient stranger = as("mallory", null)) {
      assertForbidden(() -> stranger.resource(review("tensor.ada", "ada", 3.0, 3.0)).create());
    }
  }

  @Test
  void theApiServerRefusesAReviewMisnamedOrAboveTheCellsPointsOrGradingACellTwice() {
    try (KubernetesClient alice = as("alice", null)) {
      Review misnamed = review("tensor-ben", "ben", 1.0, 3.0);
      Review above = review("tensor.ben", "ben", 4.0, 3.0);
      Review twice = review("tensor.ben", "ben", 1.0, 3.0);
      twice.getSpec().grades =
          List.of(twice.getSpec().grades.get(0), twice.getSpec().grades.get(0));

      assertThatThrownBy(() -> alice.resource(misnamed).create())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining(Review.NAME_RULE);
      assertThatThrownBy(() -> alice.resource(above).create())
          .hasMessageContaining("score must be at most the cell's points");
      assertThatThrownBy(() -> alice.resource(twice).create())
          .hasMessageContaining("Duplicate value");
    }
  }

  private static void assertForbidden(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(KubernetesClientException.class)
        .extracting(e -> ((KubernetesClientException) e).getCode())
        .isEqualTo(403);
  }

  private static Review review(String name, String student, double score, double max) {
    Review review = new Review();
    review.getMetadata().setName(name);
    review.getMetadata().setNamespace(course);
    review.setSpec(new ReviewSpec());
    review.getSpec().assignment = "tensor";
    review.getSpec().student = student;
    ReviewGrade grade = new ReviewGrade();
    grade.notebook = "01_tensor";
    grade.gradeId = "explain";
    grade.score = score;
    grade.maxScore = max;
    grade.submission = "tensor-" + student + "-1";
    review.getSpec().grades = List.of(grade);
    return review;
  }

  /** A user as the API server authenticates them, by impersonation from the administrator. */
  private static Config config(String user, String group, String namespace) {
    return new ConfigBuilder(api.controlPlane().adminConfig())
        .withImpersonateUsername(user)
        .withImpersonateGroups(
            group == null
                ? new String[] {"system:authenticated"}
                : new String[] {"system:authenticated", group})
        .withNamespace(namespace)
        .build();
  }

  private static KubernetesClient as(String user, String group) {
    return new KubernetesClientBuilder().withConfig(config(user, group, course)).build();
  }

  /** {@code tito} run as that user: exit code, out, err. */
  private static String[] tito(String user, String group, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine tito =
        Tito.commandLineOn(
            namespace ->
                new KubernetesClientBuilder()
                    .withConfig(config(user, group, namespace == null ? course : namespace))
                    .build());
    tito.setOut(new PrintWriter(out, true));
    tito.setErr(new PrintWriter(err, true));
    return new String[] {String.valueOf(tito.execute(args)), out.toString(), err.toString()};
  }
}
