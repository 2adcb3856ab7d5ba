package dev.tito.notebook.hostile;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static dev.tito.notebook.testing.TestNotebooks.withIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.autograde.CourseGrading;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.LatePolicy;
import dev.tito.notebook.autograde.NotebookAutograder;
import dev.tito.notebook.autograde.SubmissionGrader;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionOutcome;
import dev.tito.notebook.execute.ExecutionPurpose;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile submissions graded by the local grader, through the path {@code tito module grade} takes
 * (CourseGrading, SubmissionGrader, NotebookAutograder, LocalJupyterExecutor), beside an honest one. Each
 * ends contained with its failure class or a zero score. Before any bomb runs, a harmless probe proves
 * the kernel runs unprivileged (as root: as nobody) and limited; the bombs are bounded even without limits.
 */
class HostileStudentCodeTest {
  private static final String MODULE = "m1";

  /** Only in the hidden test: student code must never get to see it. */
  private static final String SECRET = "hidden_secret_4817";

  private static final int STUCK_DEADLINE_SECONDS = 15;
  private static final int FORK_BOMB_PROCESSES = 96;
  private static final ExecutionLimits LIMITS =
      new ExecutionLimits(
          Duration.ofSeconds(10), Duration.ofSeconds(120), 2L << 30, 4096, 10_000_000L);
  private static final Map<String, GradingResult> RESULTS = new TreeMap<>();
  private static Path course;

  /** Two slots, as `--parallel 2`: every submission below goes through the same two grading workers. */
  private static LocalJupyterExecutor executor;

  private static ServerSocket hostService;
  private static Probe probe;

  @TempDir static Path temp;

  /** What the harmless probe saw inside a grading run. */
  record Probe(int uid, long processLimit, long memoryLimit) {}

  @BeforeAll
  static void gradeEveryone() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/python3"))
            && new ProcessBuilder("/usr/bin/python3", "-c", "import nbconvert").start().waitFor()
                == 0,
        "needs Debian's Jupyter: /usr/bin/python3 -m nbconvert");
    executor = new LocalJupyterExecutor(Path.of("/usr/bin/python3"), 2);
    probe = probe();
    assertThat(probe.uid()).as("the kernel must never run as root").isNotZero();
    assertThat(probe.processLimit()).isEqualTo(LIMITS.maxProcesses());
    assertThat(probe.memoryLimit()).isEqualTo(LIMITS.memoryBytes());

    hostService = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    ReleasedNotebook released = StudentRelease.release(source(), ReleaseOptions.defaults());
    course = Files.createDirectories(temp.resolve("course"));
    // the premise of local isolation: the course folder is the instructor's alone
    // (docs/security.md)
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
    ReleaseGradebook gradebook =
        new ReleaseGradebook(null, new TreeMap<>(Map.of("p1", released.gradebookRows())));
    Files.createDirectories(course.resolve(".tito"));
    Files.write(
        course.resolve(".tito/" + MODULE + ".json"),
        new ObjectMapper().writeValueAsBytes(Map.of(MODULE, gradebook)));
    Files.createDirectories(course.resolve("source/" + MODULE));
    Files.write(course.resolve("source/" + MODULE + "/p1.ipynb"), NotebookWriter.toBytes(source()));
    Notebook student = released.student();
    Map<String, Notebook> submissions =
        new TreeMap<>(
            Map.of(
                "honest", answer(student, "def add(a, b):\n    return a + b"),
                "loops_forever",
                    answer(
                        student,
                        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"),
                "memory_bomb",
                    answer(
                        student,
                        "hog = []\nfor i in range(12):\n    hog.append(bytearray(256 * 1024**2))"),
                "fills_disk", answer(student, HostileCode.FILLS_DISK),
                "uses_network",
                    answer(student, HostileCode.usesNetwork(hostService.getLocalPort())),
                "reads_course", answer(student, HostileCode.readsCourse(course)),
                "forges_notebook", answer(student, HostileCode.FORGES_NOTEBOOK),
                "exits", answer(student, "import sys\nsys.exit(0)")));
    submissions.put("exits_hard", answer(student, "import os\nos._exit(0)"));
    submissions.put("kills_everyone", answer(student, HostileCode.KILLS_EVERYONE));
    submissions.put("fork_bomb", answer(student, HostileCode.forkBomb(200)));
    for (Map.Entry<String, Notebook> submission : submissions.entrySet()) {
      Path dir =
          Files.createDirectories(
              course.resolve("submitted/" + submission.getKey() + "/" + MODULE));
      Files.write(dir.resolve("p1.ipynb"), NotebookWriter.toBytes(submission.getValue()));
    }
    CourseGrading grading = new CourseGrading(course, MODULE);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Map<String, Future<GradingResult>> futures = new TreeMap<>();
    for (String name : grading.students()) {
      if (!name.equals("fork_bomb")) {
        ExecutionLimits limits =
            switch (name) {
              case "loops_forever" ->
                  LIMITS.withDeadline(Duration.ofSeconds(STUCK_DEADLINE_SECONDS));
              // filling 2 GiB page by page is slow on a busy machine: the cell must reach the
              // limit, not the timeout
              case "memory_bomb" -> LIMITS.withPerCellTimeout(Duration.ofSeconds(60));
              default -> LIMITS;
            };
        futures.put(name, pool.submit(() -> grading.grade(name, grader(limits), true).result()));
      }
    }
    for (Map.Entry<String, Future<GradingResult>> future : futures.entrySet()) {
      RESULTS.put(future.getKey(), future.getValue().get());
    }
    pool.shutdown();
    // alone: the process limit counts every process of the kernel's user
    RESULTS.put(
        "fork_bomb",
        grading
            .grade(
                "fork_bomb",
                grader(
                    new ExecutionLimits(
                        LIMITS.perCellTimeout(),
                        LIMITS.deadline(),
                        LIMITS.memoryBytes(),
                        FORK_BOMB_PROCESSES,
                        LIMITS.maxFileBytes())),
                true)
            .result());
  }

  @AfterAll
  static void closeHostService() throws IOException {
    if (hostService != null) {
      hostService.close();
    }
    if (executor != null) {
      executor.close();
    }
  }

  private static SubmissionGrader grader(ExecutionLimits limits) {
    return new SubmissionGrader(new NotebookAutograder(executor, limits), LatePolicy.NONE);
  }

  /** Runs a harmless cell that reports the kernel's user and limits. */
  private static Probe probe() {
    Notebook look =
        withIds(
            notebook(
                code(
                    "import os, resource\nprint(os.getuid(), "
                        + "resource.getrlimit(resource.RLIMIT_NPROC)[0], resource.getrlimit(resource.RLIMIT_AS)[0])")));
    ExecutionOutcome outcome =
        executor.execute("probe.ipynb", look, List.of(), LIMITS, ExecutionPurpose.AUTOGRADE);
    assertThat(outcome.message()).isEmpty();
    String[] seen =
        outcome.executed().cells().get(0).outputs().get(0).path("text").asText().strip().split(" ");
    return new Probe(Integer.parseInt(seen[0]), Long.parseLong(seen[1]), Long.parseLong(seen[2]));
  }

  /** An answer cell, a visible test (1 point) and a hidden test (2 points) holding the secret. */
  private static Notebook source() {
    return withIds(
        notebook(
            solution(
                code(
                    "def add(a, b):\n    ### BEGIN SOLUTION\n    return a + b\n    ### END SOLUTION"),
                "answer"),
            tests(code("assert add(1, 2) == 3"), "visible", 1),
            tests(
                code(
                    "assert add(1, 1) == 2\n### BEGIN HIDDEN TESTS\n"
                        + SECRET
                        + " = 1\nassert add(2, 2) == 4\n"
                        + "### END HIDDEN TESTS"),
                "hidden",
                2)));
  }

  /** The released notebook with this source in its answer cell. */
  static Notebook answer(Notebook released, String source) {
    Notebook copy = released.deepCopy();
    copy.cells().stream()
        .filter(c -> "answer".equals(GradingFlags.gradeId(c)))
        .findFirst()
        .orElseThrow()
        .setSource(source);
    return copy;
  }

  /** Everything the student's cells printed or raised, from the autograded notebook. */
  private static String printed(String student) throws IOException {
    Path file = course.resolve("autograded/" + student + "/" + MODULE + "/p1.ipynb");
    StringBuilder text = new StringBuilder();
    for (Cell cell : NotebookReader.read(file).cells()) {
      if (cell.isCode()) {
        for (JsonNode output : cell.outputs()) {
          text.append(output.path("text").asText())
              .append(output.path("ename").asText())
              .append(": ")
              .append(output.path("evalue").asText())
              .append('\n');
        }
      }
    }
    return text.toString();
  }

  @Test
  void theHonestStudentGetsFullMarksBesideAllOfThem() {
    assertThat(RESULTS.get("honest").failure()).isEqualTo("ok");
    assertThat(RESULTS.get("honest").score()).isEqualTo(3.0);
  }

  @Test
  void anUninterruptibleLoopHitsTheDeadline() {
    assertContained("loops_forever", "timeout");
  }

  @Test
  void aMemoryBombRunsOutOfMemory() {
    assertContained("memory_bomb", "out_of_memory");
  }

  @Test
  void aForkBombIsStoppedByTheProcessLimitAndItsChildrenDieWithTheRun() throws IOException {
    GradingResult bomb = RESULTS.get("fork_bomb");
    assertThat(bomb.score()).isZero();
    // the kernel may itself be refused a thread at the limit and die: contained either way
    assertThat(bomb.failure())
        .as(bomb.notebooks().get(0).failureMessage())
        .isIn("ok", "kernel_died");
    if (bomb.failure().equals("ok")) {
      assertThat(printed("fork_bomb"))
          .containsPattern("fork refused after \\d+")
          .doesNotContain("forked 200");
    }
    assertThat(processesRunning(HostileCode.CHILD_MARK))
        .as("fork bomb children left running")
        .isZero();
  }

  @Test
  void aDiskFillerIsStoppedByTheFileSizeLimit() throws IOException {
    assertThat(RESULTS.get("fills_disk").score()).isZero();
    assertThat(printed("fills_disk")).contains("stopped at 10 MB").contains("File too large");
  }

  @Test
  void asRootTheKernelReachesNeitherTheInternetNorTheMachinesOwnServices() throws IOException {
    assumeTrue(isRoot(), "only a run as root gets its own network namespace (docs/security.md)");
    assertThat(RESULTS.get("uses_network").score()).isZero();
    assertThat(printed("uses_network"))
        .contains("interfaces: ['lo']")
        .contains("internet: refused")
        .contains("host loopback: refused")
        .doesNotContain("connected")
        .doesNotContain("route found");
  }

  @Test
  void theInstructorsFilesAndOtherStudentsSubmissionsCannotBeRead() throws IOException {
    assumeTrue(
        isRoot(),
        "as another user the kernel has that user's rights, as in nbgrader (docs/security.md)");
    String printed = printed("reads_course");
    assertThat(printed)
        .contains("gradebook: denied")
        .contains("source: denied")
        .contains("honest: denied")
        .contains("own notebook: missing")
        .contains("listing of ..: denied")
        .doesNotContain(SECRET)
        .doesNotContain("return a + b");
    assertThat(RESULTS.get("reads_course").score()).isZero();
  }

  @Test
  void aForgedNotebookFileOrStdoutEarnsNothing() throws IOException {
    GradingResult forged = RESULTS.get("forges_notebook");
    assertThat(forged.score()).isZero();
    assertThat(forged.failure()).isIn("ok", "invalid_notebook");
    assertThat(printed("forges_notebook")).doesNotContain("written");
  }

  @Test
  void sysExitIsCaughtByTheKernelAndTheTestsStillRun() {
    assertContained("exits", "ok");
  }

  @Test
  void osExitKillsOnlyTheKernel() {
    assertContained("exits_hard", "kernel_died");
  }

  @Test
  void killingTheParentAndEveryProcessItCanSignalHarmsNoOne() {
    GradingResult killer = RESULTS.get("kills_everyone");
    assertThat(killer.score()).isZero();
    assertThat(killer.failure()).isIn("ok", "kernel_died");
    assertThat(RESULTS.get("honest").score()).isEqualTo(3.0);
    assertThat(RESULTS).hasSize(11);
  }

  /** The run ended with this failure class and scored nothing. */
  private static void assertContained(String student, String failure) {
    GradingResult result = RESULTS.get(student);
    assertThat(result.failure()).as(result.notebooks().get(0).failureMessage()).isEqualTo(failure);
    assertThat(result.score()).isZero();
  }

  /** Processes whose command line has this argument, from /proc: a submission's children must die with its run. */
  private static long processesRunning(String argument) throws IOException {
    try (var entries = Files.list(Path.of("/proc"))) {
      return entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(
              p -> {
                try {
                  return List.of(new String(Files.readAllBytes(p.resolve("cmdline"))).split("\0"))
                      .contains(argument);
                } catch (IOException gone) {
                  return false;
                }
              })
          .count();
    }
  }

  private static boolean isRoot() throws IOException {
    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
  }
}
