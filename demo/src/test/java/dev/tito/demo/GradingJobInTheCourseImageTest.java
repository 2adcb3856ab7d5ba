package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.cli.Tito;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.operator.grading.GradingJob;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile submissions graded as a grading Job grades them: {@code tito job prepare}, the execute container run by the
 * demo kubelet's podman runtime from the built course image exactly as {@link GradingJob} declares it (command,
 * working directory, user, security context, limits, no network, only the scratch volume), then {@code tito job score}.
 * The submission has two notebooks of one module; the attacks sit in the first. Opt-in (it needs the image):
 * {@code mvn -B -pl demo -am test -Pimages -Dtest=GradingJobInTheCourseImageTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("images")
class GradingJobInTheCourseImageTest {
  private static final String IMAGE = "ghcr.io/tito-dev/tito-sample-course:0.1.0";
  private static final PodmanContainers PODMAN =
      new PodmanContainers(
          System.getenv().getOrDefault("TITO_PODMAN_RUNTIME", "runc"),
          PodmanContainers.demoImages(System.getenv()));
  private static final String MODULE = "01_tensor";
  private static final List<String> NOTEBOOKS = List.of("01_tensor.ipynb", "01_tensor_more.ipynb");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads every prepared notebook it can find and prints the test cells' sources, hidden tests included. */
  private static final String READS_HIDDEN_TESTS =
      """
      import glob, json
      for path in sorted(glob.glob("/var/run/tito/scratch/prepared/*.ipynb")):
          for cell in json.load(open(path))["cells"]:
              if cell["metadata"].get("nbgrader", {}).get("grade") and cell["cell_type"] == "code":
                  print("from", path, cell["source"])
      print("done looking for prepared notebooks")
      """;

  /** Leaves a process behind that waits for its notebook's executed file and rewrites it without any error output. */
  private static final String FORGES_EXECUTED_NOTEBOOK =
      """
      import subprocess, sys
      FORGER = '''
      import json, os, time
      target = "/var/run/tito/scratch/executed/01_tensor.ipynb"
      for _ in range(60000):
          try:
              notebook = json.load(open(target))
              break
          except (OSError, ValueError):
              time.sleep(0.005)
      else:
          raise SystemExit
      for cell in notebook["cells"]:
          if cell["cell_type"] == "code":
              cell["outputs"] = []
      with open(target + ".forged", "w") as out:
          json.dump(notebook, out)
      os.replace(target + ".forged", target)
      '''
      subprocess.Popen([sys.executable, "-c", FORGER], start_new_session=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
      print("forger started")
      """;

  @TempDir static Path temp;
  private static Path release;
  private static Path gradebook;

  @BeforeAll
  static void releaseAModuleOfTwoNotebooks() throws Exception {
    Optional<String> missing = PODMAN.probe();
    if (missing.isPresent()) {
      System.err.println("GradingJobInTheCourseImageTest skipped: " + missing.get());
      Assumptions.abort(missing.get());
    }
    Path course =
        copy(
            Path.of(System.getProperty("user.dir")).resolveSibling("samples").resolve("course"),
            temp.resolve("course"));
    Path source = course.resolve("source").resolve(MODULE);
    copyWithOwnGradeIds(source.resolve(NOTEBOOKS.get(0)), source.resolve(NOTEBOOKS.get(1)));
    String[] released =
        tito("module", "release", MODULE, "--student", "--course", course.toString());
    assertThat(released[0]).as(released[2]).isEqualTo("0");
    release = course.resolve("release").resolve(MODULE);
    gradebook = Files.createDirectories(temp.resolve("gradebook")).resolve("gradebook.json");
    Files.copy(course.resolve(".tito").resolve(MODULE + ".json"), gradebook);
  }

  @Test
  void studentCodeDoesNotSeeTheHiddenTestsOfAnyNotebookOfItsSubmission() throws Exception {
    Graded graded = grade("reads", READS_HIDDEN_TESTS);

    assertThat(graded.feedback())
        .as("the attack ran")
        .contains("done looking for prepared notebooks");
    assertThat(graded.feedback())
        .as("the hidden test's text in the student's own output")
        .doesNotContain("expected ValueError");
  }

  @Test
  void aProcessStudentCodeLeavesBehindCannotRewriteTheExecutedNotebookIntoFullMarks()
      throws Exception {
    Graded graded = grade("forges", FORGES_EXECUTED_NOTEBOOK);

    assertThat(graded.feedback()).as("the attack ran").contains("forger started");
    NotebookGrade attacked = graded.result().notebooks().get(0);
    assertThat(attacked.tests())
        .filteredOn(t -> t.gradeId().equals("test-matmul"))
        .singleElement()
        .as("ben's matmul raises no ValueError: the hidden test fails")
        .satisfies(t -> assertThat(t.score()).isZero());
    assertThat(graded.result().notebooks().get(1).tests())
        .as("ada's honest notebook beside it passes its tests")
        .filteredOn(t -> t.gradeId().startsWith("test-"))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.score()).isEqualTo(t.maxScore()));
  }

  @Test
  void aKernelThatDiesFailsTheExecuteContainerSoTheJobReadsKernelDied() throws Exception {
    execute(
        "exits",
        "import os\nos._exit(3)\n",
        executed -> {
          assertThat(executed.exitCode()).as(executed.log()).isNotZero();
          assertThat(executed.scratch().resolve("executed"))
              .as("nothing is left to score")
              .isEmptyDirectory();
          return null;
        });
  }

  private record Graded(GradingResult result, String feedback) {}

  private record Executed(int exitCode, String log, Path job, Path submission, Path scratch) {}

  private static Graded grade(String name, String attack) throws Exception {
    return execute(
        name,
        attack,
        executed -> {
          assertThat(executed.exitCode()).as(executed.log()).isZero();
          String[] score =
              tito(
                  "job",
                  "score",
                  "--gradebook",
                  gradebook.toString(),
                  "--assignment",
                  MODULE,
                  "--student",
                  "ben",
                  "--submission",
                  executed.submission().toString(),
                  "--work",
                  executed.scratch().toString(),
                  "--termination-log",
                  executed.job().resolve("termination-log").toString());
          assertThat(score[0]).as(score[2]).isEqualTo("0");
          JsonNode line = JSON.readTree(score[1]);
          return new Graded(
              JSON.treeToValue(line.get("result"), GradingResult.class),
              line.get("feedback").asText());
        });
  }

  /** What happens next while the pod's volumes are still there (its sized scratch is a tmpfs for the pod's life). */
  private interface WhilePodIsOpen<T> {
    T then(Executed executed) throws Exception;
  }

  /**
   * Ben's notebook with {@code attack} as a cell of its own after the imports, and ada's honest one beside it: prepared
   * in the pod's scratch volume, executed by the demo kubelet's podman runtime, then handed to {@code then}.
   */
  private static <T> T execute(String name, String attack, WhilePodIsOpen<T> then)
      throws Exception {
    Path job = Files.createDirectories(temp.resolve(name));
    Path submission = Files.createDirectories(job.resolve("submission"));
    Path submitted =
        Path.of(System.getProperty("user.dir"))
            .resolveSibling("samples")
            .resolve("course")
            .resolve("submitted");
    ObjectNode notebook =
        (ObjectNode)
            JSON.readTree(
                submitted.resolve("ben").resolve(MODULE).resolve(NOTEBOOKS.get(0)).toFile());
    ((ArrayNode) notebook.get("cells"))
        .insert(
            2,
            JSON.createObjectNode()
                .put("cell_type", "code")
                .put("id", "attack")
                .putNull("execution_count")
                .<ObjectNode>set("metadata", JSON.createObjectNode())
                .<ObjectNode>set("outputs", JSON.createArrayNode())
                .put("source", attack));
    JSON.writeValue(submission.resolve(NOTEBOOKS.get(0)).toFile(), notebook);
    copyWithOwnGradeIds(
        submitted.resolve("ada").resolve(MODULE).resolve(NOTEBOOKS.get(0)),
        submission.resolve(NOTEBOOKS.get(1)));
    Path scratch = Files.createDirectories(job.resolve("scratch"));

    PodTemplateSpec template = GradingJob.desired(inputs()).getSpec().getTemplate();
    Pod pod =
        new PodBuilder()
            .withMetadata(template.getMetadata())
            .editMetadata()
            .withName("ben-" + name)
            .withNamespace("ml")
            .endMetadata()
            .withSpec(template.getSpec())
            .build();
    Map<String, Path> volumes =
        Map.of(
            "scratch",
            scratch,
            "tmp",
            Files.createDirectories(job.resolve("tmp")),
            "execute-tmp",
            Files.createDirectories(job.resolve("execute-tmp")));
    try (Containers.PodContainers containers = PODMAN.open(pod, volumes, job)) {
      String[] prepare =
          tito(
              "job",
              "prepare",
              "--gradebook",
              gradebook.toString(),
              "--assignment",
              MODULE,
              "--submission",
              submission.toString(),
              "--release",
              release.toString(),
              "--work",
              scratch.toString());
      assertThat(prepare[0]).as(prepare[2]).isEqualTo("0");
      // prepare runs as the pod's user with its fsGroup: what it wrote is theirs
      run(
          List.of(
              "chown",
              "-R",
              pod.getSpec().getSecurityContext().getRunAsUser()
                  + ":"
                  + pod.getSpec().getSecurityContext().getFsGroup(),
              scratch.toString()),
          job.resolve("chown.log"));
      Path log = job.resolve("execute.log");
      int exitCode =
          containers
              .start(pod.getSpec().getInitContainers().get(1), log)
              .await(Instant.now().plus(Duration.ofMinutes(10)), () -> false)
              .exitCode();
      return then.then(new Executed(exitCode, Files.readString(log), job, submission, scratch));
    }
  }

  private static GradingJob.Inputs inputs() {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("ml");
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image = IMAGE;
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName(MODULE);
    assignment.setSpec(new AssignmentSpec());
    Submission submission = new Submission();
    submission.getMetadata().setName("ben-" + MODULE);
    submission.getMetadata().setNamespace("ml");
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = MODULE;
    submission.getSpec().student = "ben";
    submission.getSpec().notebookConfigMap = "ben-" + MODULE;
    return new GradingJob.Inputs(
        submission,
        assignment,
        classroom,
        "r1",
        List.of(MODULE + "-release-r1-0"),
        NOTEBOOKS,
        0,
        1,
        "ghcr.io/tito-dev/tito-operator:0.1.0",
        null);
  }

  /** tito in this JVM: exit code, stdout, stderr. */
  private static String[] tito(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var tito = Tito.commandLine();
    tito.setOut(new PrintWriter(out, true));
    tito.setErr(new PrintWriter(err, true));
    return new String[] {String.valueOf(tito.execute(args)), out.toString(), err.toString()};
  }

  private static int run(List<String> command, Path log) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  /** A module's grade_ids are unique across its notebooks (tito keys grades by them), so a copied notebook gets its own. */
  private static void copyWithOwnGradeIds(Path from, Path to) throws IOException {
    JsonNode notebook = JSON.readTree(from.toFile());
    for (JsonNode cell : notebook.get("cells")) {
      JsonNode nbgrader = cell.path("metadata").path("nbgrader");
      if (nbgrader.hasNonNull("grade_id")) {
        ((ObjectNode) nbgrader).put("grade_id", nbgrader.get("grade_id").asText() + "-more");
      }
    }
    JSON.writeValue(to.toFile(), notebook);
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
    return to;
  }
}
