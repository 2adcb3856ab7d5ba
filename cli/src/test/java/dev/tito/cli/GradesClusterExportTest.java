package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.TestResult;
import dev.tito.api.testing.GradedSubmissions;
import dev.tito.notebook.export.NbgraderCsv;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tito grades export --cluster} against the Fabric8 mock API server. */
@EnableKubernetesMockClient(crud = true)
class GradesClusterExportTest {
  private static final String NS = "physics";
  static KubernetesClient client;

  @TempDir Path dir;

  @BeforeAll
  static void aClassWithSubmissions() {
    Assignment tensor = GradedSubmissions.assignment(NS, "tensor");
    tensor.getSpec().dueAt = "2020-01-01T00:00:00Z";
    client.resource(tensor).create();
    for (String student : List.of("ada", "grace", "cy")) {
      client
          .resource(
              new StatefulSetBuilder()
                  .withNewMetadata()
                  .withName("ml-" + student)
                  .withNamespace(NS)
                  .withLabels(
                      Map.of(
                          "tito.dev/classroom",
                          "ml",
                          "tito.dev/student",
                          student,
                          "app.kubernetes.io/component",
                          "jupyter-server"))
                  .endMetadata()
                  .withNewSpec()
                  .withReplicas(0)
                  .endSpec()
                  .build())
          .create();
    }
    submission("tensor-ada-1", "ml", "ada", SubmissionPhase.Graded, 1.0);
    submission("tensor-ada-2", "ml", "ada", SubmissionPhase.Graded, 2.5);
    submission("tensor-ada-3", "ml", "ada", SubmissionPhase.Queued, null);
    submission("tensor-grace-1", "ml", "grace", SubmissionPhase.Failed, null);
    submission("tensor-cy-1", "chem", "cy", SubmissionPhase.Graded, 3.0);
  }

  @Test
  void eachStudentsLatestGradedSubmissionAndTheRestAsMissing() throws Exception {
    Path csv = dir.resolve("grades.csv");
    TitoRun run =
        export(
            "--format",
            "csv",
            "--cluster",
            "--namespace",
            NS,
            "--assignment",
            "tensor",
            "--output",
            csv.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(csv))
        .matches(
            NbgraderCsv.HEADER.replace("(", "\\(")
                + "\n"
                + "tensor,2020-01-01 00:00:00,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?,ada,,,,3.0,0.5,2.5,5.0\n"
                + "tensor,2020-01-01 00:00:00,,cy,,,,0.0,0.0,0.0,5.0\n"
                + "tensor,2020-01-01 00:00:00,,grace,,,,0.0,0.0,0.0,5.0\n");

    Path moodle = dir.resolve("moodle.csv");
    assertThat(
            export(
                    "--format",
                    "moodle",
                    "--cluster",
                    "--namespace",
                    NS,
                    "--assignment",
                    "tensor",
                    "--output",
                    moodle.toString())
                .exitCode())
        .isZero();
    assertThat(Files.readString(moodle))
        .isEqualTo("Username,tensor,tensor feedback\nada,2.5,\ncy,,\ngrace,,\n");

    Path gradescope = dir.resolve("gradescope");
    assertThat(
            export(
                    "--format",
                    "gradescope",
                    "--cluster",
                    "--namespace",
                    NS,
                    "--assignment",
                    "tensor",
                    "--output",
                    gradescope.toString())
                .exitCode())
        .isZero();
    JsonNode ada =
        new ObjectMapper().readTree(gradescope.resolve("tensor/ada/results.json").toFile());
    assertThat(ada.path("score").asDouble()).isEqualTo(2.5);
    assertThat(ada.path("tests"))
        .extracting(t -> t.path("name").asText() + " " + t.path("status").asText())
        .containsExactly("01_tensor: test_add passed", "02_ops: test_mul failed");
    assertThat(gradescope.resolve("tensor/grace")).doesNotExist();
  }

  @Test
  void anUnknownAssignmentOrMixedOptionsAreOneLineErrors() {
    TitoRun unknown =
        export(
            "--format",
            "csv",
            "--cluster",
            "--namespace",
            NS,
            "--assignment",
            "nope",
            "--output",
            dir.resolve("x.csv").toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("tito: Assignment nope not found in namespace physics\n");
    assertThat(dir.resolve("x.csv")).doesNotExist();

    TitoRun mixed = export("--format", "csv", "--cluster", "--module", "m1");
    assertThat(mixed.exitCode()).isEqualTo(2);
    assertThat(mixed.err())
        .isEqualTo(
            "tito: --cluster goes with --assignment (and --namespace); --module with the local course\n");
  }

  private static void submission(
      String name, String classroom, String student, SubmissionPhase phase, Double score) {
    Submission submission = new Submission();
    submission.getMetadata().setName(name);
    submission.getMetadata().setNamespace(NS);
    submission.getMetadata().setLabels(Map.of("tito.dev/classroom", classroom));
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = "tensor";
    submission.getSpec().student = student;
    submission.getSpec().notebookConfigMap = name;
    Submission created = client.resource(submission).create();
    created.setStatus(new SubmissionStatus());
    created.getStatus().phase = phase;
    if (score != null) {
      created.getStatus().score = score;
      created.getStatus().maxScore = 5.0;
      created.getStatus().latePenalty = 0.5;
      created.getStatus().results =
          List.of(
              test("01_tensor", "test_add", score + 0.5, 2.0, "passed"),
              test("02_ops", "test_mul", 0.0, 3.0, "failed"));
    }
    client.resource(created).updateStatus();
  }

  private static TestResult test(
      String notebook, String gradeId, double score, double max, String status) {
    TestResult test = new TestResult();
    test.notebook = notebook;
    test.gradeId = gradeId;
    test.score = score;
    test.maxScore = max;
    test.status = status;
    return test;
  }

  private static TitoRun export(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine tito =
        Tito.commandLine(
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> kind) throws Exception {
                return kind == GradesCommand.Export.class
                    ? kind.cast(
                        new GradesCommand.Export(
                            () ->
                                new KubernetesClientBuilder()
                                    .withConfig(client.getConfiguration())
                                    .build()))
                    : CommandLine.defaultFactory().create(kind);
              }
            });
    tito.setOut(new PrintWriter(out, true));
    tito.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "grades";
    all[1] = "export";
    System.arraycopy(args, 0, all, 2, args.length);
    return new TitoRun(tito.execute(all), out.toString(), err.toString());
  }
}
