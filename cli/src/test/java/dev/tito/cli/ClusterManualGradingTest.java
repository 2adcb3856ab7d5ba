package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.review.Review;
import dev.tito.api.submission.Submission;
import dev.tito.api.testing.GradedSubmissions;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tito grades review|set --cluster} against the Fabric8 mock API server: what a Review holds, one line errors. */
@EnableKubernetesMockClient(crud = true)
class ClusterManualGradingTest {
  private static final String NS = "physics";
  private static final String GRADER = System.getProperty("user.name");
  static KubernetesClient client;
  private static String assignmentUid;

  @BeforeAll
  static void adasSubmissionWaitsForAPerson() {
    assignmentUid =
        client.resource(GradedSubmissions.assignment(NS, "tensor")).create().getMetadata().getUid();
    client.resource(GradedSubmissions.adasFiles(NS, "tensor-ada-1")).create();
    Submission created =
        client.resource(GradedSubmissions.adasSubmission(NS, "tensor", "tensor-ada-1")).create();
    created.setStatus(GradedSubmissions.waitingForAPerson());
    client.resource(created).updateStatus();
  }

  @Test
  void anInstructorListsAdasAnswerAndGradesItIntoAReviewOwnedByTheAssignment() {
    TitoRun review = tito("grades", "review", "tensor", "--cluster", "--answers");
    TitoRun set =
        tito(
            "grades",
            "set",
            "tensor",
            "ada",
            "explain",
            "--score",
            "2",
            "--comment",
            "Say why.",
            "--cluster");
    TitoRun again = tito("grades", "set", "tensor", "ada", "explain", "--score", "3", "--cluster");

    assertThat(review.exitCode()).as(review.err()).isZero();
    assertThat(review.out())
        .contains(
            "ada      01_tensor  explain  written answer  0.0 / 3.0  waits for a person",
            "ada 01_tensor/explain:\n    " + GradedSubmissions.ANSWER);
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out()).contains("tensor of ada: 4.0 / 5.0");
    assertThat(again.out())
        .startsWith("replaced the grade 2.0 by " + GRADER + " of ")
        .contains("tensor of ada: 5.0 / 5.0");
    Review written = client.resources(Review.class).inNamespace(NS).withName("tensor.ada").get();
    assertThat(written.getSpec().assignment).isEqualTo("tensor");
    assertThat(written.getSpec().student).isEqualTo("ada");
    assertThat(written.getSpec().grades)
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.notebook).isEqualTo("01_tensor");
              assertThat(g.score).isEqualTo(3.0);
              assertThat(g.maxScore).isEqualTo(3.0);
              assertThat(g.submission).isEqualTo("tensor-ada-1");
              assertThat(g.gradedBy).isEqualTo(GRADER);
            });
    assertThat(written.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(assignmentUid));
  }

  @Test
  void anUnknownStudentCellOrAScoreAboveThePointsIsOneLineAndWritesNoReview() {
    TitoRun zed = tito("grades", "set", "tensor", "zed", "explain", "--score", "1", "--cluster");
    TitoRun cell = tito("grades", "set", "tensor", "ada", "essay", "--score", "1", "--cluster");
    TitoRun above =
        tito("grades", "set", "tensor", "ada", "test_add", "--score", "2.5", "--cluster");
    TitoRun assignment = tito("grades", "review", "vectors", "--cluster");

    assertThat(zed.exitCode()).isEqualTo(2);
    assertThat(zed.err())
        .isEqualTo(
            "tito: no Graded Submission of Assignment tensor by student 'zed' in namespace "
                + "physics (graded: ada)\n");
    assertThat(cell.err())
        .isEqualTo("tito: tensor has no graded cell 'essay' (graded cells: test_add, explain)\n");
    assertThat(above.err())
        .isEqualTo("tito: ada: 01_tensor/test_add: score 2.5 is above the cell's 2.0 points\n");
    assertThat(assignment.err())
        .isEqualTo("tito: Assignment vectors not found in namespace physics\n");
    assertThat(client.resources(Review.class).inNamespace(NS).withName("tensor.zed").get())
        .isNull();
  }

  private static TitoRun tito(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine tito =
        Tito.commandLineOn(
            namespace ->
                new KubernetesClientBuilder()
                    .withConfig(
                        new ConfigBuilder(client.getConfiguration())
                            .withNamespace(namespace == null ? NS : namespace)
                            .build())
                    .build());
    tito.setOut(new PrintWriter(out, true));
    tito.setErr(new PrintWriter(err, true));
    return new TitoRun(tito.execute(args), out.toString(), err.toString());
  }
}
