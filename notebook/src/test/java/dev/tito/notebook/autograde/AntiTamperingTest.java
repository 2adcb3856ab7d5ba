package dev.tito.notebook.autograde;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.markdown;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static dev.tito.notebook.testing.TestNotebooks.withIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.LocalJupyter;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submissions that try to cheat, graded together with an honest one on a real kernel, two at a time:
 * each gets exactly what nbgrader's rules give (restored tests still run) or its failure class, and
 * the honest student's result is untouched by all of them.
 */
class AntiTamperingTest {
  private static final String MODULE = "m1";
  private static final int STUCK_DEADLINE_SECONDS = 20;
  private static final Map<String, GradingResult> RESULTS = new TreeMap<>();
  private static Path course;

  @TempDir static Path temp;

  @BeforeAll
  static void gradeEveryone() throws Exception {
    ReleasedNotebook released = StudentRelease.release(source(), ReleaseOptions.defaults());
    course = temp.resolve("course");
    ReleaseGradebook gradebook =
        new ReleaseGradebook(null, new java.util.TreeMap<>(Map.of("p1", released.gradebookRows())));
    Files.createDirectories(course.resolve(".tito"));
    Files.write(
        course.resolve(".tito/" + MODULE + ".json"),
        new ObjectMapper().writeValueAsBytes(Map.of(MODULE, gradebook)));
    Map<String, Notebook> submissions =
        Map.of(
            "honest", answer(released.student(), "def add(a, b):\n    return a + b"),
            "cheater", cheater(released.student()),
            "edits_tests", editsTests(released.student()),
            "retypes_tests", retypesTests(released.student()),
            "sleeps", answer(released.student(), "import time\ntime.sleep(10**6)"),
            "ignores_interrupts",
                answer(
                    released.student(),
                    "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"),
            "hogs_memory", answer(released.student(), "hog = bytearray(8 * 1024**3)"),
            "kills_kernel",
                answer(
                    released.student(), "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"));
    for (Map.Entry<String, Notebook> submission : submissions.entrySet()) {
      Path dir =
          Files.createDirectories(
              course.resolve("submitted/" + submission.getKey() + "/" + MODULE));
      Files.write(dir.resolve("p1.ipynb"), NotebookWriter.toBytes(submission.getValue()));
    }
    Path garbage = Files.createDirectories(course.resolve("submitted/garbage/" + MODULE));
    Files.writeString(garbage.resolve("p1.ipynb"), "print('not a notebook')");
    CourseGrading grading = new CourseGrading(course, MODULE);
    // a roomy deadline for everyone (a busy machine starts kernels slowly), a short one for the
    // stuck kernel
    ExecutionLimits limits = ExecutionLimits.defaults().withPerCellTimeout(Duration.ofSeconds(3));
    try (LocalJupyterExecutor executor =
        new LocalJupyterExecutor(LocalJupyter.python(System.getenv()), 2)) {
      SubmissionGrader grader =
          new SubmissionGrader(
              new NotebookAutograder(executor, limits.withDeadline(Duration.ofSeconds(120))),
              LatePolicy.NONE);
      SubmissionGrader stuckGrader =
          new SubmissionGrader(
              new NotebookAutograder(
                  executor, limits.withDeadline(Duration.ofSeconds(STUCK_DEADLINE_SECONDS))),
              LatePolicy.NONE);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Map<String, Future<GradingResult>> futures = new TreeMap<>();
      for (String student : grading.students()) {
        SubmissionGrader chosen = student.equals("ignores_interrupts") ? stuckGrader : grader;
        futures.put(student, pool.submit(() -> grading.grade(student, chosen, true).result()));
      }
      for (Map.Entry<String, Future<GradingResult>> future : futures.entrySet()) {
        RESULTS.put(future.getKey(), future.getValue().get());
      }
      pool.shutdown();
    }
  }

  /** An answer cell, a visible test (1 point), a hidden test (2 points) and a read-only cell. */
  private static Notebook source() {
    return withIds(
        notebook(
            markdown("Write add."),
            solution(
                code(
                    "def add(a, b):\n    ### BEGIN SOLUTION\n    return a + b\n    ### END SOLUTION"),
                "answer"),
            tests(code("assert add(1, 2) == 3"), "visible", 1),
            tests(
                code(
                    "assert add(1, 1) == 2\n### BEGIN HIDDEN TESTS\nassert add(2, 2) == 4\n### END HIDDEN TESTS"),
                "hidden",
                2)));
  }

  private static Notebook answer(Notebook released, String source) {
    Notebook copy = released.deepCopy();
    cell(copy, "answer").setSource(source);
    return copy;
  }

  private static Cell cell(Notebook notebook, String gradeId) {
    return notebook.cells().stream()
        .filter(c -> gradeId.equals(GradingFlags.gradeId(c)))
        .findFirst()
        .orElseThrow();
  }

  /** Wrong answer, plus every trick that does not touch the tests themselves. */
  private static Notebook cheater(Notebook released) {
    Notebook copy =
        answer(
            released,
            String.join(
                "\n",
                "def add(a, b):",
                "    return 0",
                "import builtins, IPython.core.interactiveshell, json, os",
                "builtins.AssertionError = type('AssertionError', (Exception,), {})",
                "IPython.core.interactiveshell.InteractiveShell.showtraceback = lambda *a, **k: None",
                "for target in ['results.json', '../results.json', os.path.expanduser('~/grades.json')]:",
                "    try:",
                "        open(target, 'w').write(json.dumps({'score': 3, 'max_score': 3, 'tests': []}))",
                "    except OSError:",
                "        pass",
                "print('All tests passed! Score: 3 / 3')"));
    ObjectNode extra = code("print('visible: passed')\nprint('hidden: passed')");
    extra.put("id", "cell-extra");
    copy.cellsNode().add(extra);
    return copy;
  }

  /** Wrong answer; the visible test edited to pass, the hidden test cell deleted. */
  private static Notebook editsTests(Notebook released) {
    Notebook copy = answer(released, "def add(a, b):\n    return 0");
    cell(copy, "visible").setSource("pass");
    List<Cell> kept =
        copy.cells().stream().filter(c -> !"hidden".equals(GradingFlags.gradeId(c))).toList();
    copy.setCells(kept);
    return copy;
  }

  /** Right answer; the visible test turned into markdown so it would not run. */
  private static Notebook retypesTests(Notebook released) {
    Notebook copy = answer(released, "def add(a, b):\n    return a + b");
    Cell visible = cell(copy, "visible");
    visible.setType("markdown");
    visible.node().remove("outputs");
    visible.node().remove("execution_count");
    return copy;
  }

  private static TestResult test(String student, String gradeId) {
    return RESULTS.get(student).notebooks().get(0).tests().stream()
        .filter(t -> t.gradeId().equals(gradeId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void honestStudentGetsFullMarksWhateverTheOthersDid() throws Exception {
    assertThat(RESULTS.get("honest").score()).isEqualTo(3.0);
    GradingResult stored =
        GradingResultJson.read(
            Files.readAllBytes(course.resolve(".tito/grades/m1/honest.json")), "honest.json");
    assertThat(stored.score()).isEqualTo(3.0);
    assertThat(test("honest", "hidden").hidden()).isTrue();
  }

  @Test
  void fakeOutputFakeResultFilesAndMonkeypatchingEarnNothingAndThePatchesWaitForAPerson() {
    GradingResult cheater = RESULTS.get("cheater");
    assertThat(cheater.failure()).isEqualTo("ok");
    assertThat(cheater.score()).isZero();
    assertThat(cheater.needsManualGrade()).isTrue();
    // the patches are undone before the first test and said there; the hidden test then runs as
    // written
    assertThat(test("cheater", "visible").status()).isEqualTo(TestStatus.NEEDS_MANUAL_GRADE);
    assertThat(test("cheater", "visible").message())
        .startsWith(Tampering.SUSPECTED)
        .contains("builtins.AssertionError replaced")
        .contains("InteractiveShell.showtraceback replaced");
    assertThat(test("cheater", "hidden").status()).isEqualTo(TestStatus.FAILED);
    assertThat(course.resolve("results.json")).doesNotExist();
    assertThat(course.resolve("submitted/cheater/m1/results.json")).doesNotExist();
  }

  @Test
  void editedTestsAreRestoredAndDeletedTestsNeedAPerson() throws Exception {
    assertThat(test("edits_tests", "visible").autoScore()).isEqualTo(0.0);
    assertThat(test("edits_tests", "hidden").status()).isEqualTo(TestStatus.MISSING);
    assertThat(test("edits_tests", "hidden").needsManualGrade()).isTrue();
    assertThat(RESULTS.get("edits_tests").score()).isZero();
    String autograded = Files.readString(course.resolve("autograded/edits_tests/m1/p1.ipynb"));
    assertThat(autograded).contains("assert add(1, 2) == 3");
  }

  @Test
  void testsTurnedIntoMarkdownAreTurnedBackAndRun() {
    assertThat(test("retypes_tests", "visible").cellType()).isEqualTo("code");
    assertThat(RESULTS.get("retypes_tests").score()).isEqualTo(3.0);
  }

  @Test
  void aCellThatNeverEndsIsInterruptedAndTheTestsStillRun() {
    GradingResult sleeps = RESULTS.get("sleeps");
    assertThat(sleeps.failure()).isEqualTo("ok");
    assertThat(sleeps.score()).isZero();
    assertThat(test("sleeps", "visible").message()).contains("NameError");
  }

  @Test
  void aKernelThatCannotBeInterruptedHitsTheDeadline() {
    GradingResult stuck = RESULTS.get("ignores_interrupts");
    assertThat(stuck.failure()).isEqualTo("timeout");
    assertThat(stuck.score()).isZero();
    // Jupyter gives up on the kernel itself, or the run's deadline kills it: whichever comes first
    assertThat(stuck.notebooks().get(0).failureMessage())
        .containsAnyOf("deadline of " + STUCK_DEADLINE_SECONDS + " s", "could not be interrupted");
  }

  @Test
  void runningOutOfMemoryIsReportedAsSuch() {
    GradingResult hog = RESULTS.get("hogs_memory");
    assertThat(hog.failure()).isEqualTo("out_of_memory");
    assertThat(hog.score()).isZero();
  }

  @Test
  void aKernelThatDiesIsReportedAndTheBatchGoesOn() {
    GradingResult killed = RESULTS.get("kills_kernel");
    assertThat(killed.failure()).isEqualTo("kernel_died");
    assertThat(killed.score()).isZero();
    assertThat(RESULTS).hasSize(9);
  }

  @Test
  void aFileThatIsNoNotebookIsInvalidWithoutRunningAnything() {
    GradingResult garbage = RESULTS.get("garbage");
    assertThat(garbage.failure()).isEqualTo("invalid_notebook");
    assertThat(garbage.notebooks().get(0).failureMessage())
        .contains("p1.ipynb")
        .contains("not a notebook");
    assertThat(garbage.score()).isZero();
  }

  @Test
  void feedbackNeverShowsHiddenTestSource() throws Exception {
    String page = Files.readString(course.resolve("feedback/honest/m1/p1.html"));
    assertThat(page)
        .contains("p1 (Score: 3.0 / 3.0)")
        .contains("assert add(1, 1) == 2")
        .doesNotContain("add(2, 2)")
        .doesNotContain("HIDDEN TESTS");
    assertThat(Files.readString(course.resolve("feedback/cheater/m1/p1.html")))
        .doesNotContain("add(2, 2)");
  }
}
