package dev.tito.operator.grading;

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
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile submissions graded as a grading Job grades them: {@code tito job prepare}, the execute container run with
 * podman from the built course image exactly as {@link GradingJob} declares it (command, working directory, env,
 * user, read-only root, capabilities, memory, no network, only the scratch volume), then {@code tito job score}.
 * The submission has two notebooks of one module; the attacks sit in the first. Opt-in (it needs the image):
 * {@code mvn -B -pl operator -am test -Pimages -Dtest=GradingJobInTheCourseImageTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("images")
class GradingJobInTheCourseImageTest {
  private static final String IMAGE = "ghcr.io/tito-dev/tito-sample-course:0.1.0";
  private static final String PODMAN_RUNTIME = System.getenv().getOrDefault("TITO_PODMAN_RUNTIME", "runc");
  private static final String MODULE = "01_tensor";
  private static final List<String> NOTEBOOKS = List.of("01_tensor.ipynb", "01_tensor_more.ipynb");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads every prepared notebook it can find and prints the test cells' sources, hidden tests included. */
  private static final String READS_HIDDEN_TESTS = """
      import glob, json
      for path in sorted(glob.glob("/var/run/tito/scratch/prepared/*.ipynb")):
          for cell in json.load(open(path))["cells"]:
              if cell["metadata"].get("nbgrader", {}).get("grade") and cell["cell_type"] == "code":
                  print("from", path, cell["source"])
      print("done looking for prepared notebooks")
      """;

  /** Leaves a process behind that waits for its notebook's executed file and rewrites it without any error output. */
  private static final String FORGES_EXECUTED_NOTEBOOK = """
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
    String missing = missingPodmanOrImage();
    if (missing != null) {
      System.err.println("GradingJobInTheCourseImageTest skipped: " + missing);
      Assumptions.abort(missing);
    }
    Path course = copy(Path.of(System.getProperty("user.dir")).resolveSibling("samples").resolve("course"),
        temp.resolve("course"));
    Path source = course.resolve("source").resolve(MODULE);
    Files.copy(source.resolve(NOTEBOOKS.get(0)), source.resolve(NOTEBOOKS.get(1)));
    assertThat(tito("module", "release", MODULE, "--student", "--course", course.toString())[0]).isEqualTo("0");
    release = course.resolve("release").resolve(MODULE);
    gradebook = Files.createDirectories(temp.resolve("gradebook")).resolve("gradebook.json");
    Files.copy(course.resolve(".tito").resolve(MODULE + ".json"), gradebook);
  }

  @Test
  void studentCodeDoesNotSeeTheHiddenTestsOfAnyNotebookOfItsSubmission() throws Exception {
    Graded graded = grade("reads", READS_HIDDEN_TESTS);

    assertThat(graded.feedback()).as("the attack ran").contains("done looking for prepared notebooks");
    assertThat(graded.feedback()).as("the hidden test's text in the student's own output")
        .doesNotContain("expected ValueError");
  }

  @Test
  void aProcessStudentCodeLeavesBehindCannotRewriteTheExecutedNotebookIntoFullMarks() throws Exception {
    Graded graded = grade("forges", FORGES_EXECUTED_NOTEBOOK);

    assertThat(graded.feedback()).as("the attack ran").contains("forger started");
    NotebookGrade attacked = graded.result().notebooks().get(0);
    assertThat(attacked.tests()).filteredOn(t -> t.gradeId().equals("test-matmul")).singleElement()
        .as("ben's matmul raises no ValueError: the hidden test fails").satisfies(t -> assertThat(t.score()).isZero());
    assertThat(graded.result().notebooks().get(1).tests()).as("ada's honest notebook beside it passes its tests")
        .filteredOn(t -> t.gradeId().startsWith("test-")).hasSize(2)
        .allSatisfy(t -> assertThat(t.score()).isEqualTo(t.maxScore()));
  }

  @Test
  void aKernelThatDiesFailsTheExecuteContainerSoTheJobReadsKernelDied() throws Exception {
    Executed executed = execute("exits", "import os\nos._exit(3)\n");

    assertThat(executed.exitCode()).as(executed.log()).isNotZero();
    assertThat(executed.scratch().resolve("executed")).as("nothing is left to score").isEmptyDirectory();
  }

  private record Graded(GradingResult result, String feedback) {}

  private record Executed(int exitCode, String log, Path job, Path submission, Path scratch) {}

  private static Graded grade(String name, String attack) throws Exception {
    Executed executed = execute(name, attack);
    assertThat(executed.exitCode()).as(executed.log()).isZero();
    String[] score = tito("job", "score", "--gradebook", gradebook.toString(), "--assignment", MODULE, "--student", "ben",
        "--submission", executed.submission().toString(), "--work", executed.scratch().toString(),
        "--termination-log", executed.job().resolve("termination-log").toString());
    assertThat(score[0]).as(score[2]).isEqualTo("0");
    JsonNode line = JSON.readTree(score[1]);
    return new Graded(JSON.treeToValue(line.get("result"), GradingResult.class), line.get("feedback").asText());
  }

  /** Ben's notebook with {@code attack} as a cell of its own after the imports, and ada's honest one beside it. */
  private static Executed execute(String name, String attack) throws Exception {
    Path job = Files.createDirectories(temp.resolve(name));
    Path submission = Files.createDirectories(job.resolve("submission"));
    Path submitted = Path.of(System.getProperty("user.dir")).resolveSibling("samples").resolve("course")
        .resolve("submitted");
    ObjectNode notebook = (ObjectNode) JSON.readTree(submitted.resolve("ben").resolve(MODULE).resolve(NOTEBOOKS.get(0)).toFile());
    ((ArrayNode) notebook.get("cells")).insert(2, JSON.createObjectNode().put("cell_type", "code").put("id", "attack")
        .putNull("execution_count").<ObjectNode>set("metadata", JSON.createObjectNode())
        .<ObjectNode>set("outputs", JSON.createArrayNode()).put("source", attack));
    JSON.writeValue(submission.resolve(NOTEBOOKS.get(0)).toFile(), notebook);
    Files.copy(submitted.resolve("ada").resolve(MODULE).resolve(NOTEBOOKS.get(0)), submission.resolve(NOTEBOOKS.get(1)));
    Path scratch = Files.createDirectories(job.resolve("scratch"));

    PodSpec pod = GradingJob.desired(inputs()).getSpec().getTemplate().getSpec();
    String[] prepare = tito("job", "prepare", "--gradebook", gradebook.toString(), "--assignment", MODULE,
        "--submission", submission.toString(), "--release", release.toString(), "--work", scratch.toString());
    assertThat(prepare[0]).as(prepare[2]).isEqualTo("0");
    // prepare runs as the pod's user with its fsGroup: what it wrote is theirs
    run(List.of("chown", "-R", pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getFsGroup(),
        scratch.toString()), job.resolve("chown.log"));
    Container execute = pod.getInitContainers().get(1);
    Path log = job.resolve("execute.log");
    int exitCode = run(podmanRun(pod, execute, Map.of("scratch", scratch)), log);
    return new Executed(exitCode, Files.readString(log), job, submission, scratch);
  }

  /** {@code podman run} of one container of the pod: its command, user, security context, limits and volumes. */
  private static List<String> podmanRun(PodSpec pod, Container container, Map<String, Path> volumes) {
    List<String> command = new ArrayList<>(List.of("podman", "--runtime", PODMAN_RUNTIME, "run", "--rm",
        "--name", "tito-" + container.getName() + "-" + UUID.randomUUID().toString().substring(0, 8),
        // grading pods reach nothing: the chart's NetworkPolicy denies all
        "--network", "none",
        "--user", String.valueOf(pod.getSecurityContext().getRunAsUser()),
        "--group-add", String.valueOf(pod.getSecurityContext().getFsGroup())));
    var security = container.getSecurityContext();
    if (Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
      command.addAll(List.of("--security-opt", "no-new-privileges"));
    }
    security.getCapabilities().getDrop().forEach(cap -> command.addAll(List.of("--cap-drop", cap)));
    if (Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
      command.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
    }
    Map<String, Quantity> limits = container.getResources().getLimits();
    command.addAll(List.of("--memory", Quantity.getAmountInBytes(limits.get("memory")).toBigInteger().toString(),
        "--cpus", Quantity.getAmountInBytes(limits.get("cpu")).toPlainString()));
    for (VolumeMount mount : container.getVolumeMounts()) {
      command.addAll(List.of("-v", volumes.get(mount.getName()).toAbsolutePath() + ":" + mount.getMountPath()
          + (Boolean.TRUE.equals(mount.getReadOnly()) ? ":ro" : "")));
    }
    container.getEnv().forEach(env -> command.addAll(List.of("-e", env.getName() + "=" + env.getValue())));
    if (container.getWorkingDir() != null) {
      command.addAll(List.of("-w", container.getWorkingDir()));
    }
    command.addAll(List.of("--entrypoint", container.getCommand().get(0), container.getImage()));
    command.addAll(container.getCommand().subList(1, container.getCommand().size()));
    command.addAll(container.getArgs());
    return command;
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
    return new GradingJob.Inputs(submission, assignment, classroom, "r1", List.of(MODULE + "-release-r1-0"), NOTEBOOKS,
        0, 1, "ghcr.io/tito-dev/tito-operator:0.1.0", null);
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

  private static String missingPodmanOrImage() throws InterruptedException {
    try {
      return run(List.of("podman", "image", "exists", IMAGE), temp.resolve("podman.log")) == 0 ? null
          : "the image " + IMAGE + " is not built (images/build-local.sh)";
    } catch (IOException e) {
      return "podman is not installed";
    }
  }

  private static int run(List<String> command, Path log) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
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
