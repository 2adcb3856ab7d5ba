package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.submission.Submission;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tito submit} inside a student's server, against the Fabric8 mock API server. */
@EnableKubernetesMockClient(crud = true)
class SubmitCommandTest {
  static final String NOTEBOOK =
      "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n";
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  static KubernetesMockServer server;
  static KubernetesClient client;

  @TempDir Path home;
  private String namespace;
  private Path tensor;

  @BeforeEach
  void studentServer() throws IOException {
    namespace = "course-" + NAMESPACES.incrementAndGet();
    tensor = home.resolve("assignments/tensor/01_tensor.ipynb");
    Files.createDirectories(tensor.getParent());
    Files.writeString(tensor, NOTEBOOK);
  }

  @Test
  void submitsTheNotebooksAsTheStudentAndPrintsTheSubmission() {
    TitoRun run = submit(tensor.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Submission submission =
        client.resources(Submission.class).inNamespace(namespace).list().getItems().get(0);
    assertThat(submission.getMetadata().getName()).startsWith("tensor-ada-");
    assertThat(submission.getMetadata().getLabels())
        .containsExactlyEntriesOf(Map.of("tito.dev/classroom", "ml"));
    assertThat(submission.getSpec().assignment).isEqualTo("tensor");
    assertThat(submission.getSpec().student).isEqualTo("ada");
    ConfigMap files =
        client
            .configMaps()
            .inNamespace(namespace)
            .withName(submission.getSpec().notebookConfigMap)
            .get();
    assertThat(files.getMetadata().getName()).startsWith("tensor-ada-");
    assertThat(files.getData()).containsExactly(Map.entry("01_tensor.ipynb", NOTEBOOK));
    assertThat(files.getMetadata().getLabels())
        .containsEntry("tito.dev/classroom", "ml")
        .containsEntry("tito.dev/student", "ada")
        .containsEntry("app.kubernetes.io/component", "submission")
        .doesNotContainKey("app.kubernetes.io/managed-by");
    assertThat(files.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(run.out())
        .startsWith(
            "submitted " + submission.getMetadata().getName() + " (01_tensor.ipynb) for tensor\n");
  }

  @Test
  void waitsForTheGradeThenPrintsItAndSavesTheFeedback() throws Exception {
    StringWriter out = new StringWriter();
    CompletableFuture<Void> operator =
        CompletableFuture.runAsync(
            () -> {
              String name = submissionName();
              results(
                  Map.of(
                      "tensor.json",
                      "{\"name\":\"" + name + "\",\"phase\":\"Queued\",\"queuePosition\":2}"));
              printed(out, "Queued (position 2)\n");
              results(Map.of("tensor.json", "{\"name\":\"" + name + "\",\"phase\":\"Grading\"}"));
              printed(out, "Grading\n");
              results(
                  Map.of(
                      "tensor.json",
                      "{\"name\":\""
                          + name
                          + "\",\"phase\":\"Graded\",\"score\":2.0,\"maxScore\":5.0,"
                          + "\"results\":[{\"notebook\":\"01_tensor\",\"gradeId\":\"test_add\",\"score\":2.0,\"maxScore\":2.0,\"status\":\"passed\"},"
                          + "{\"notebook\":\"01_tensor\",\"gradeId\":\"test_mul\",\"score\":0.0,\"maxScore\":3.0,\"status\":\"failed\","
                          + "\"error\":\"AssertionError: wrong shape\"}]}",
                      "tensor.html",
                      "<h1>2/5</h1>"));
            });

    TitoRun run = run(command(), out, tensor.toString(), "--wait", "--timeout", "30s");
    operator.get();

    String name = submissionName();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Queued (position 2)\nGrading\n" + name + ": Graded 2.0/5.0\n")
        .containsPattern("passed +01_tensor +test_add +2\\.0/2\\.0")
        .containsPattern("failed +01_tensor +test_mul +0\\.0/3\\.0 +AssertionError: wrong shape");
    Path feedback = home.resolve("feedback/tensor/" + name + ".html");
    assertThat(feedback).hasContent("<h1>2/5</h1>");
    assertThat(run.out()).endsWith("feedback: " + feedback + "\n");
  }

  @Test
  void aFailedGradingExitsOneWithItsReason() throws Exception {
    CompletableFuture<Void> operator =
        CompletableFuture.runAsync(
            () ->
                results(
                    Map.of(
                        "tensor.json",
                        "{\"name\":\""
                            + submissionName()
                            + "\",\"phase\":\"Failed\",\"failureClass\":\"Timeout\",\"message\":\"grading took longer than 10m\"}")));

    TitoRun run = submit(tensor.toString(), "--wait");
    operator.get();

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(submissionName() + ": Failed (Timeout): grading took longer than 10m");
  }

  @Test
  void aRefusalByAdmissionIsOneLineAndExitsOne() {
    server
        .expect()
        .post()
        .withPath("/apis/tito.dev/v1alpha1/namespaces/" + namespace + "/submissions")
        .andReturn(
            403,
            new StatusBuilder()
                .withStatus("Failure")
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    "submissions.tito.dev is forbidden: ValidatingAdmissionPolicy 'tito-operator-student-submit' denied"
                        + " request: students submit only in their own name")
                .build())
        .once();

    TitoRun run = submit(tensor.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "tito: refused: submissions.tito.dev is forbidden: ValidatingAdmissionPolicy "
                + "'tito-operator-student-submit' denied request: students submit only in their own name\n");
  }

  @Test
  void badFilesAreRefusedBeforeAnythingReachesTheCluster() throws IOException {
    Path text = Files.writeString(home.resolve("assignments/tensor/notes.txt"), "hi");
    Path broken =
        Files.writeString(home.resolve("assignments/tensor/02_broken.ipynb"), "{\"cells\": [");
    Path huge = home.resolve("assignments/tensor/03_huge.ipynb");
    Files.writeString(huge, NOTEBOOK.replace("{}", "{\"x\": \"" + "a".repeat(600 * 1024) + "\"}"));
    Path missing = home.resolve("assignments/tensor/04_missing.ipynb");

    assertThat(submit(missing.toString()).err()).isEqualTo("tito: " + missing + ": no such file\n");
    assertThat(submit(text.toString()).err())
        .isEqualTo("tito: " + text + ": not a notebook (.ipynb)\n");
    assertThat(submit(broken.toString()).err())
        .startsWith("tito: ")
        .contains(broken.toString())
        .doesNotContain("\tat ");
    assertThat(submit(huge.toString()).err()).startsWith("tito: " + huge + ": larger than 512 KiB");
    assertThat(submit(tensor.toString(), "--timeout", "soon").err())
        .isEqualTo("tito: --timeout 'soon' is not a duration such as 90s, 10m or 1h30m\n");
    Path elsewhere = Files.writeString(home.resolve("01_tensor.ipynb"), NOTEBOOK);
    assertThat(submit(elsewhere.toString()).err())
        .contains(elsewhere + ": not under ")
        .contains("--assignment");
    assertThat(submit(broken.toString()).exitCode()).isEqualTo(2);
    assertThat(client.configMaps().inNamespace(namespace).list().getItems()).isEmpty();
    assertThat(client.resources(Submission.class).inNamespace(namespace).list().getItems())
        .isEmpty();
  }

  @Test
  void theAssignmentCanBeNamedAndTheStudentMustBeKnown() {
    Path elsewhere = home.resolve("assignments/tensor/01_tensor.ipynb");
    TitoRun named = submit(elsewhere.toString(), "--assignment", "tensor-v2");
    assertThat(named.exitCode()).as(named.err()).isZero();
    assertThat(
            client
                .resources(Submission.class)
                .inNamespace(namespace)
                .list()
                .getItems()
                .get(0)
                .getSpec()
                .assignment)
        .isEqualTo("tensor-v2");

    TitoRun outside =
        run(
            new SubmitCommand(
                () -> StudentPod.from(Map.of("TITO_CLASSROOM", "ml"), home, home), () -> client),
            tensor.toString());
    assertThat(outside.exitCode()).isEqualTo(2);
    assertThat(outside.err())
        .isEqualTo(
            "tito: TITO_STUDENT is not set: tito submit runs inside your Jupyter server on the course's cluster\n");
  }

  private TitoRun submit(String... args) {
    return run(command(), new StringWriter(), args);
  }

  private SubmitCommand command() {
    StudentPod pod = new StudentPod("ada", "ml", namespace, home);
    return new SubmitCommand(
        () -> pod,
        () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()).build());
  }

  private static TitoRun run(SubmitCommand command, String... args) {
    return run(command, new StringWriter(), args);
  }

  private static TitoRun run(SubmitCommand command, StringWriter out, String... args) {
    StringWriter err = new StringWriter();
    CommandLine tito =
        Tito.commandLine(
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> kind) throws Exception {
                return kind == SubmitCommand.class
                    ? kind.cast(command)
                    : CommandLine.defaultFactory().create(kind);
              }
            });
    tito.setOut(new PrintWriter(out, true));
    tito.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "submit";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = tito.execute(all);
    return new TitoRun(exit, out.toString(), err.toString());
  }

  /** Waits until tito submit has shown this progress line, so the next change is a change it sees. */
  private static void printed(StringWriter out, String line) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!out.toString().contains(line)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "tito submit never printed " + line.strip() + "; it printed: " + out);
      }
      pause();
    }
  }

  /** The name of the one Submission, once tito submit has created it. */
  private String submissionName() {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      List<Submission> all =
          client.resources(Submission.class).inNamespace(namespace).list().getItems();
      if (!all.isEmpty()) {
        return all.get(0).getMetadata().getName();
      }
      pause();
    }
    throw new AssertionError("tito submit created no Submission");
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** What the student-results controller writes. */
  private void results(Map<String, String> data) {
    ConfigMap results =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("ml-ada-results")
            .withNamespace(namespace)
            .endMetadata()
            .withData(data)
            .build();
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(results)
        .createOr(existing -> existing.update());
  }
}
