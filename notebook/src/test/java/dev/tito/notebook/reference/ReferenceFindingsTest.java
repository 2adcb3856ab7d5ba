package dev.tito.notebook.reference;

import static dev.tito.notebook.testing.TestNotebooks.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.autograde.AutogradedNotebook;
import dev.tito.notebook.autograde.NotebookAutograder;
import dev.tito.notebook.course.NotebookFiles;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionOutcome;
import dev.tito.notebook.execute.ExecutionPurpose;
import dev.tito.notebook.execute.ExecutionUsage;
import dev.tito.notebook.execute.FailureClass;
import dev.tito.notebook.execute.NotebookExecutor;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.gates.ModuleNotebook;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the graded reference solution and student release of a module mean for the instructor, finding by finding. */
class ReferenceFindingsTest {
  /** Cells: 0 imports, 1 the answer (lines 5-8), 2 test "check" (2 points, lines 11-12), 3 test "trivial" (line 15). */
  private static final String MODULE =
      """
      # %%
      import math

      # %% nbgrader={"grade": false, "grade_id": "answer", "locked": false, "schema_version": 3, "solution": true}
      def f():
          ### BEGIN SOLUTION
          return 1
          ### END SOLUTION

      # %% nbgrader={"grade": true, "grade_id": "check", "locked": true, "points": 2, "schema_version": 3, "solution": false}
      x = f()
      assert x == 1, "f() should be 1"

      # %% nbgrader={"grade": true, "grade_id": "trivial", "locked": true, "points": 1, "schema_version": 3, "solution": false}
      assert math.pi > 3
      """;

  private static final ExecutionLimits LIMITS =
      ExecutionLimits.defaults().withPerCellTimeout(Duration.ofSeconds(7));
  private static final String FAILS =
      error("AssertionError", "", "Cell In[3], line 1", "----> 1 assert f() == 1");
  private static final String NO_ANSWER =
      error("NotImplementedError", "", "Cell In[3], line 1", "----> 1 x = f()");

  /** A stand-in kernel: each cell's outputs by grade_id ("#0" for the first cell), one map for each kind of run. */
  private record Scripted(
      Map<String, String> solution,
      Map<String, String> release,
      FailureClass failure,
      List<Double> finished)
      implements NotebookExecutor {
    @Override
    public ExecutionOutcome execute(
        String fileName,
        Notebook notebook,
        List<Path> dataDirs,
        ExecutionLimits limits,
        ExecutionPurpose purpose) {
      boolean unsolved = notebook.cells().get(1).source().contains("NotImplementedError");
      if (!unsolved && failure != FailureClass.OK) {
        return ExecutionOutcome.failed(failure, "the kernel died: boom", Duration.ZERO)
            .withUsage(new ExecutionUsage(null, finished));
      }
      Notebook executed = notebook.deepCopy();
      for (int i = 0; i < executed.cells().size(); i++) {
        Cell cell = executed.cells().get(i);
        String id = GradingFlags.gradeId(cell);
        String outputs = (unsolved ? release : solution).get(id == null ? "#" + i : id);
        if (outputs != null) {
          json("[" + outputs + "]").forEach(output -> cell.outputs().add(output));
        }
      }
      return new ExecutionOutcome(executed, FailureClass.OK, "", Duration.ofSeconds(1));
    }
  }

  private static String error(String name, String value, String... traceback) {
    return "{\"output_type\": \"error\", \"ename\": \""
        + name
        + "\", \"evalue\": \""
        + value
        + "\", \"traceback\": ["
        + String.join(
            ", ",
            Stream.of(traceback).map(line -> "\"\\u001b[0;31m" + line + "\\u001b[0m\"").toList())
        + "]}";
  }

  static Stream<Arguments> runs() {
    Map<String, String> unsolved = Map.of("check", NO_ANSWER, "trivial", FAILS);
    return Stream.of(
        Arguments.of(
            "a solution that passes every test and a release that fails them find nothing",
            Map.of(),
            unsolved,
            FailureClass.OK,
            List.of()),
        Arguments.of(
            "a test that fails on the solution is an error at its .py line with its traceback's last line",
            Map.of(
                "check",
                error(
                    "AssertionError",
                    "f() should be 1",
                    "Cell In[3], line 2",
                    "      1 x = f()\\n----> 2 assert x == 1, 'f() should be 1'")),
            unsolved,
            FailureClass.OK,
            List.of(
                "error 2 check :12 fails on the reference solution (0.0 of 2.0 points): AssertionError: f() should "
                    + "be 1 (at: assert x == 1, 'f() should be 1')")),
        Arguments.of(
            "a test that passes without a solution is a warning: it tests nothing",
            Map.of(),
            Map.of("check", NO_ANSWER),
            FailureClass.OK,
            List.of(
                "warning 3 trivial :14 passes without a solution: it tests nothing (1.0 of 1.0 points on the "
                    + "student release)")),
        Arguments.of(
            "a test that earns part of its points without a solution is a warning too",
            Map.of(),
            Map.of(
                "check",
                NO_ANSWER,
                "trivial",
                "{\"output_type\": \"execute_result\", "
                    + "\"execution_count\": 4, \"metadata\": {}, \"data\": {\"text/plain\": \"0.5\"}}"),
            FailureClass.OK,
            List.of(
                "warning 3 trivial :14 passes in part without a solution: it tests little (0.5 of 1.0 points on "
                    + "the student release)")),
        Arguments.of(
            "a failing test names the first error before it, the one to fix",
            Map.of(
                "#0",
                error(
                    "ModuleNotFoundError",
                    "No module named 'mathx'",
                    "Cell In[1], line 1",
                    "----> 1 import mathx"),
                "trivial",
                error(
                    "NameError",
                    "name 'math' is not defined",
                    "Cell In[4], line 1",
                    "----> 1 assert math.pi > 3")),
            unsolved,
            FailureClass.OK,
            List.of(
                "error 3 trivial :15 fails on the reference solution (0.0 of 1.0 points): NameError: name 'math' "
                    + "is not defined (at: assert math.pi > 3); the first error before it: cell 0: ModuleNotFoundError: "
                    + "No module named 'mathx' (at: import mathx)")),
        Arguments.of(
            "a cell that runs past the per-cell timeout is an error at the line it was interrupted at",
            Map.of(
                "answer",
                error("KeyboardInterrupt", "", "Cell In[2], line 3", "----> 3 return 1")
                    + ", "
                    + error(
                        "CellTimeoutError",
                        "",
                        "CellTimeoutError: No reply from kernel before timeout")),
            unsolved,
            FailureClass.OK,
            List.of(
                "error 1 answer :7 did not finish within the per-cell timeout of 7 s (--timeout) on the reference "
                    + "solution: it was interrupted")),
        Arguments.of(
            "a run that does not get through is one error naming the cell that was running",
            Map.of(),
            unsolved,
            FailureClass.KERNEL_DIED,
            List.of(
                "error 2 check :10 the reference solution does not run through: the kernel died: boom (cell 2 was "
                    + "running)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void theRunsOfAModuleBecomeFindings(
      String name,
      Map<String, String> solution,
      Map<String, String> release,
      FailureClass failure,
      List<String> expected) {
    ModuleNotebook module =
        NotebookFiles.parse(MODULE.getBytes(StandardCharsets.UTF_8), "m.py")
            .moduleNotebook(Path.of("m.py"));
    ReleasedNotebook released =
        StudentRelease.release(module.notebook(), ReleaseOptions.defaults());
    NotebookAutograder autograder =
        new NotebookAutograder(new Scripted(solution, release, failure, List.of(0.1, 0.2)), LIMITS);
    AutogradedNotebook graded =
        autograder.grade("m", module.notebook(), released.gradebookRows(), List.of(), true);
    AutogradedNotebook unsolved =
        autograder.grade("m", released.student(), released.gradebookRows(), List.of(), true);

    List<Finding> findings =
        ReferenceFindings.of(
            new NotebookRuns(module, graded, Duration.ofSeconds(1), unsolved), LIMITS);

    assertThat(findings)
        .extracting(
            f ->
                f.severity().name().toLowerCase()
                    + " "
                    + f.cellIndex()
                    + " "
                    + (f.gradeId() == null ? "" : f.gradeId())
                    + " :"
                    + f.fileLine()
                    + " "
                    + f.message())
        .containsExactlyElementsOf(expected);
    assertThat(findings)
        .allSatisfy(
            f ->
                assertThat(f.rule())
                    .isEqualTo(
                        f.isError()
                            ? ReferenceFindings.SOLUTION_FAILS
                            : ReferenceFindings.TESTS_NOTHING));
  }
}
