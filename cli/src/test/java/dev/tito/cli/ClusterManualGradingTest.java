package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.review.Review;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.TestResult;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
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
    Assignment tensor = new Assignment();
    tensor.getMetadata().setName("tensor");
    tensor.getMetadata().setNamespace(NS);
    tensor.setSpec(new AssignmentSpec());
    tensor.getSpec().classroom = "ml";
    tensor.getSpec().sourceSecret = "tensor-source";
    assignmentUid = client.resource(tensor).create().getMetadata().getUid();
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("tensor-ada-1").withNamespace(NS).endMetadata()
        .addToData("01_tensor.ipynb", """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"id": "a", "cell_type": "code",
             "metadata": {"nbgrader": {"grade": true, "solution": true, "locked": false, "grade_id": "explain",
             "points": 3, "schema_version": 3}}, "execution_count": null, "outputs": [],
             "source": "# shapes must agree\\nreturn a @ b"}]}""").build()).create();
    Submission submission = new Submission();
    submission.getMetadata().setName("tensor-ada-1");
    submission.getMetadata().setNamespace(NS);
    submission.getMetadata().setLabels(Map.of("tito.dev/classroom", "ml"));
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = "tensor";
    submission.getSpec().student = "ada";
    submission.getSpec().notebookConfigMap = "tensor-ada-1";
    Submission created = client.resource(submission).create();
    created.setStatus(new SubmissionStatus());
    created.getStatus().phase = SubmissionPhase.Graded;
    created.getStatus().score = 2.0;
    created.getStatus().maxScore = 5.0;
    created.getStatus().latePenalty = 0.0;
    created.getStatus().needsManualGrade = true;
    created.getStatus().results = List.of(test("test_add", 2.0, 2.0, "passed"), test("explain", null, 3.0, "manual"));
    client.resource(created).updateStatus();
  }

  @Test
  void anInstructorListsAdasAnswerAndGradesItIntoAReviewOwnedByTheAssignment() {
    TitoRun review = tito("grades", "review", "tensor", "--cluster", "--answers");
    TitoRun set = tito("grades", "set", "tensor", "ada", "explain", "--score", "2", "--comment", "Say why.", "--cluster");
    TitoRun again = tito("grades", "set", "tensor", "ada", "explain", "--score", "3", "--cluster");

    assertThat(review.exitCode()).as(review.err()).isZero();
    assertThat(review.out()).contains("ada      01_tensor  explain  code answer  0.0 / 3.0  waits for a person",
        "ada 01_tensor/explain:\n    # shapes must agree\n    return a @ b");
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out()).contains("tensor of ada: 4.0 / 5.0");
    assertThat(again.out()).startsWith("replaced the grade 2.0 by " + GRADER + " of ").contains("tensor of ada: 5.0 / 5.0");
    Review written = client.resources(Review.class).inNamespace(NS).withName("tensor.ada").get();
    assertThat(written.getSpec().assignment).isEqualTo("tensor");
    assertThat(written.getSpec().student).isEqualTo("ada");
    assertThat(written.getSpec().grades).singleElement().satisfies(g -> {
      assertThat(g.notebook).isEqualTo("01_tensor");
      assertThat(g.score).isEqualTo(3.0);
      assertThat(g.maxScore).isEqualTo(3.0);
      assertThat(g.submission).isEqualTo("tensor-ada-1");
      assertThat(g.gradedBy).isEqualTo(GRADER);
    });
    assertThat(written.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(assignmentUid));
  }

  @Test
  void anUnknownStudentCellOrAScoreAboveThePointsIsOneLineAndWritesNoReview() {
    TitoRun zed = tito("grades", "set", "tensor", "zed", "explain", "--score", "1", "--cluster");
    TitoRun cell = tito("grades", "set", "tensor", "ada", "essay", "--score", "1", "--cluster");
    TitoRun above = tito("grades", "set", "tensor", "ada", "test_add", "--score", "2.5", "--cluster");
    TitoRun assignment = tito("grades", "review", "vectors", "--cluster");

    assertThat(zed.exitCode()).isEqualTo(2);
    assertThat(zed.err()).isEqualTo("tito: no Graded Submission of Assignment tensor by student 'zed' in namespace "
        + "physics (graded: ada)\n");
    assertThat(cell.err()).isEqualTo("tito: tensor has no graded cell 'essay' (graded cells: test_add, explain)\n");
    assertThat(above.err()).isEqualTo("tito: ada: 01_tensor/test_add: score 2.5 is above the cell's 2.0 points\n");
    assertThat(assignment.err()).isEqualTo("tito: Assignment vectors not found in namespace physics\n");
    assertThat(client.resources(Review.class).inNamespace(NS).withName("tensor.zed").get()).isNull();
  }

  private static TestResult test(String gradeId, Double auto, double max, String status) {
    TestResult test = new TestResult();
    test.notebook = "01_tensor";
    test.gradeId = gradeId;
    test.autoScore = auto;
    test.score = auto == null ? 0.0 : auto;
    test.maxScore = max;
    test.status = status;
    return test;
  }

  private static TitoRun tito(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine tito = Tito.commandLineOn(namespace -> new KubernetesClientBuilder().withConfig(
        new ConfigBuilder(client.getConfiguration()).withNamespace(namespace == null ? NS : namespace).build()).build());
    tito.setOut(new PrintWriter(out, true));
    tito.setErr(new PrintWriter(err, true));
    return new TitoRun(tito.execute(args), out.toString(), err.toString());
  }
}
