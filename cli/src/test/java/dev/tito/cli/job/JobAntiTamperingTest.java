package dev.tito.cli.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.cli.TitoRun;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.Tampering;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autograde anti-tampering cases (notebook module's AntiTamperingTest) run as grading Jobs with a real kernel,
 * plus a student whose code writes forged notebooks into {@code /var/run/tito/scratch/executed}: each gets what local grading gives.
 */
class JobAntiTamperingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, GradingResult> RESULTS = new TreeMap<>();

  @TempDir static Path temp;

  @BeforeAll
  static void gradeEveryoneInAJob() throws Exception {
    assumeTrue(ExecuteContainer.jupyterInstalled(), ExecuteContainer.NEEDS_JUPYTER);
    Map<String, Function<JobFixture, Notebook>> submissions =
        Map.of(
            "honest", job -> job.answer("def add(a, b):\n    return a + b"),
            "cheater", JobAntiTamperingTest::cheater,
            "edits_tests", JobAntiTamperingTest::editsTests,
            "retypes_tests", JobAntiTamperingTest::retypesTests,
            "forger", JobAntiTamperingTest::forger);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Map<String, Future<GradingResult>> futures = new TreeMap<>();
    submissions.forEach(
        (student, submission) ->
            futures.put(
                student,
                pool.submit(
                    () -> {
                      JobFixture job = new JobFixture(temp.resolve(student));
                      Path submitted = job.submit(submission.apply(job));
                      assertThat(job.prepare(submitted).exitCode()).isZero();
                      ExecuteContainer.run(job.work);
                      TitoRun score = job.score(submitted);
                      assertThat(score.exitCode()).as(score.err()).isZero();
                      return JSON.treeToValue(
                          JSON.readTree(score.out()).get("result"), GradingResult.class);
                    })));
    for (Map.Entry<String, Future<GradingResult>> future : futures.entrySet()) {
      RESULTS.put(future.getKey(), future.getValue().get());
    }
    pool.shutdown();
  }

  /** Wrong answer, plus every trick that does not touch the tests themselves. */
  private static Notebook cheater(JobFixture job) {
    Notebook copy =
        job.answer(
            String.join(
                "\n",
                "def add(a, b):",
                "    return 0",
                "import builtins, IPython.core.interactiveshell, json, os",
                "builtins.AssertionError = type('AssertionError', (Exception,), {})",
                "IPython.core.interactiveshell.InteractiveShell.showtraceback = lambda *a, **k: None",
                "for target in ['results.json', '../results.json', os.path.expanduser('~/grades.json')]:",
                "    open(target, 'w').write(json.dumps({'score': 3, 'max_score': 3, 'tests': []}))",
                "print('{\"tito\":\"grading-result\",\"result\":{\"score\":3}}')",
                "print('All tests passed! Score: 3 / 3')"));
    ObjectNode extra =
        JSON.createObjectNode()
            .put("id", "cell-extra")
            .put("cell_type", "code")
            .put("source", "print('visible: passed')\nprint('hidden: passed')");
    extra.putObject("metadata");
    extra.putArray("outputs");
    extra.putNull("execution_count");
    copy.cellsNode().add(extra);
    return copy;
  }

  /** Wrong answer; the visible test edited to pass, the hidden test cell deleted. */
  private static Notebook editsTests(JobFixture job) {
    Notebook copy = job.answer("def add(a, b):\n    return 0");
    JobFixture.cell(copy, "visible").setSource("pass");
    copy.setCells(
        copy.cells().stream().filter(c -> !"hidden".equals(GradingFlags.gradeId(c))).toList());
    return copy;
  }

  /** Right answer; the visible test turned into markdown so it would not run. */
  private static Notebook retypesTests(JobFixture job) {
    Notebook copy = job.answer("def add(a, b):\n    return a + b");
    Cell visible = JobFixture.cell(copy, "visible");
    visible.setType("markdown");
    visible.node().remove("outputs");
    visible.node().remove("execution_count");
    return copy;
  }

  /**
   * Wrong answer; its code writes clean copies of the prepared notebooks (hidden tests and all) into the executed
   * folder: its own, and one for p2, which it never handed in.
   */
  private static Notebook forger(JobFixture job) {
    return job.answer(
        String.join(
            "\n",
            "def add(a, b):",
            "    return 0",
            "import json, os",
            "nb = json.load(open('p1.ipynb'))",
            "os.makedirs('../executed', exist_ok=True)",
            "json.dump(nb, open('../executed/p1.ipynb', 'w'))",
            "p2 = {'nbformat': 4, 'nbformat_minor': 5, 'metadata': {}, 'cells': [{'cell_type': 'code', 'id': 'd0',",
            "      'metadata': {'nbgrader': {'grade': True, 'solution': False, 'locked': True, 'grade_id': 'extra',",
            "      'points': 1, 'schema_version': 3}}, 'source': 'assert True', 'outputs': [], 'execution_count': 1}]}",
            "json.dump(p2, open('../executed/p2.ipynb', 'w'))"));
  }

  private static NotebookGrade notebook(String student, String name) {
    return RESULTS.get(student).notebooks().stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static TestResult test(String student, String gradeId) {
    return notebook(student, "p1").tests().stream()
        .filter(t -> t.gradeId().equals(gradeId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theHonestStudentGetsFullMarks() {
    assertThat(notebook("honest", "p1").score()).isEqualTo(3.0);
    assertThat(test("honest", "hidden").hidden()).isTrue();
  }

  @Test
  void
      fakeOutputFakeResultFilesFakeResultLinesAndMonkeypatchingEarnNothingAndThePatchesWaitForAPerson() {
    NotebookGrade cheater = notebook("cheater", "p1");
    assertThat(cheater.failure()).isEqualTo("ok");
    assertThat(cheater.score()).isZero();
    // the guard runs in the Job's execute step too: the patches are undone before the first test
    // and said there
    assertThat(test("cheater", "visible").status()).isEqualTo(TestStatus.NEEDS_MANUAL_GRADE);
    assertThat(test("cheater", "visible").message())
        .startsWith(Tampering.SUSPECTED)
        .contains("builtins.AssertionError replaced")
        .contains("InteractiveShell.showtraceback replaced");
    assertThat(test("cheater", "hidden").status()).isEqualTo(TestStatus.FAILED);
  }

  @Test
  void editedTestsAreRestoredAndDeletedTestsNeedAPerson() {
    assertThat(test("edits_tests", "visible").autoScore()).isEqualTo(0.0);
    assertThat(test("edits_tests", "hidden").status()).isEqualTo(TestStatus.MISSING);
    assertThat(test("edits_tests", "hidden").needsManualGrade()).isTrue();
    assertThat(notebook("edits_tests", "p1").score()).isZero();
  }

  @Test
  void testsTurnedIntoMarkdownAreTurnedBackAndRun() {
    assertThat(test("retypes_tests", "visible").cellType()).isEqualTo("code");
    assertThat(notebook("retypes_tests", "p1").score()).isEqualTo(3.0);
  }

  @Test
  void executedNotebooksForgedByStudentCodeEarnNothing() {
    assertThat(notebook("forger", "p1").score()).isZero();
    assertThat(test("forger", "visible").status()).isEqualTo(TestStatus.FAILED);
    NotebookGrade p2 = notebook("forger", "p2");
    assertThat(p2.submitted()).isFalse();
    assertThat(p2.score()).isZero();
    assertThat(RESULTS.values())
        .allSatisfy(
            r ->
                assertThat(r.notebooks())
                    .extracting(NotebookGrade::name)
                    .containsExactly("p1", "p2"));
    assertThat(List.copyOf(RESULTS.keySet()))
        .containsExactly("cheater", "edits_tests", "forger", "honest", "retypes_tests");
  }
}
