package dev.tito.notebook.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionUsage;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.PythonFloat;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a notebook's graded reference solution and student release mean for the instructor: every autograded test
 * must pass on the solution with full marks (an error naming the test and its traceback's last line otherwise, or
 * the cell that ran past the per-cell timeout, or why the run did not get through), and should fail on the release,
 * where the solutions are stubs (a warning: it tests nothing). Pure: from the graded runs to findings.
 */
public final class ReferenceFindings {
  /** The rule of an error: a test the reference solution does not pass, or a solution that does not run. */
  public static final String SOLUTION_FAILS = "reference-solution";

  /** The rule of a warning: a test the unsolved release passes. */
  public static final String TESTS_NOTHING = "tests-nothing";

  private static final String TIMEOUT = "CellTimeoutError";
  private static final Comparator<Finding> IN_NOTEBOOK_ORDER =
      Comparator.comparing((Finding f) -> f.cellIndex() == null ? -1 : f.cellIndex())
          .thenComparing(Finding::severity);

  private ReferenceFindings() {}

  /** The findings of one notebook's runs, at the lines of its {@code .py} for a jupytext file. */
  public static List<Finding> of(NotebookRuns runs, ExecutionLimits limits) {
    List<Finding> findings = new ArrayList<>(solution(runs, limits));
    if (runs.release() != null) {
      findings.addAll(release(runs));
    }
    findings.sort(IN_NOTEBOOK_ORDER);
    return runs.notebook().locate(findings);
  }

  private static List<Finding> solution(NotebookRuns runs, ExecutionLimits limits) {
    Path file = runs.notebook().file();
    NotebookGrade grade = runs.solution().grade();
    Notebook source = runs.notebook().notebook();
    if (!"ok".equals(grade.failure())) {
      Integer running = runningCell(runs.solution().usage(), source.cells().size());
      String where = running == null ? "" : " (cell " + running + " was running)";
      return List.of(
          error(
              file,
              running,
              source,
              null,
              "the reference solution does not run through: " + grade.failureMessage() + where));
    }
    List<Cell> cells = runs.solution().notebook().cells();
    List<Finding> findings = new ArrayList<>();
    for (int index = 0; index < cells.size(); index++) {
      if (error(cells.get(index), TIMEOUT) != null) {
        // the interrupt's own error, when the kernel sent one, says which line was running
        findings.add(
            error(
                file,
                index,
                source,
                Tracebacks.lineInCell(error(cells.get(index), null)),
                "did not finish within the per-cell timeout of "
                    + seconds(limits)
                    + " (--timeout) on the reference "
                    + "solution: it was interrupted"));
      }
    }
    for (TestResult test : grade.tests()) {
      if (test.kind() == TestKind.AUTOGRADED_TEST && test.status() != TestStatus.PASSED) {
        int index = indexOf(cells, test.gradeId());
        if (index < 0 || error(cells.get(index), TIMEOUT) == null) {
          findings.add(failingTest(file, source, cells, index, test));
        }
      }
    }
    return findings;
  }

  private static Finding failingTest(
      Path file, Notebook source, List<Cell> cells, int index, TestResult test) {
    String points =
        " ("
            + PythonFloat.repr(test.score())
            + " of "
            + PythonFloat.repr(test.maxScore())
            + " points)";
    if (index < 0) {
      return Finding.error(
              file,
              null,
              test.gradeId(),
              null,
              "test "
                  + test.gradeId()
                  + " fails on the reference "
                  + "solution"
                  + points
                  + ": "
                  + test.message())
          .withRule(SOLUTION_FAILS);
    }
    JsonNode failure = error(cells.get(index), null);
    String why = failure == null ? test.message() : Tracebacks.summary(failure);
    Integer line = failure == null ? null : Tracebacks.lineInCell(failure);
    String before = firstErrorBefore(cells, index);
    return error(
        file,
        index,
        source,
        line,
        "fails on the reference solution"
            + points
            + ": "
            + why
            + (before == null ? "" : "; the first error before it: " + before));
  }

  private static List<Finding> release(NotebookRuns runs) {
    NotebookGrade grade = runs.release().grade();
    if (!"ok".equals(grade.failure())) {
      return List.of(); // every test scored 0: none passes without a solution
    }
    Path file = runs.notebook().file();
    Notebook source = runs.notebook().notebook();
    List<Finding> findings = new ArrayList<>();
    for (TestResult test : grade.tests()) {
      if (test.kind() == TestKind.AUTOGRADED_TEST
          && test.autoScore() != null
          && test.autoScore() > 0) {
        int index = indexOf(source.cells(), test.gradeId());
        String earned =
            PythonFloat.repr(test.autoScore()) + " of " + PythonFloat.repr(test.maxScore());
        String message =
            test.autoScore() >= test.maxScore()
                ? "passes without a solution: it tests nothing ("
                    + earned
                    + " points on the student release)"
                : "passes in part without a solution: it tests little ("
                    + earned
                    + " points on the student release)";
        findings.add(
            Finding.warning(file, index < 0 ? null : index, test.gradeId(), null, message)
                .withRule(TESTS_NOTHING));
      }
    }
    return findings;
  }

  /** The cell a failed run was in: the one after the last that finished, when the executor said which finished. */
  static Integer runningCell(ExecutionUsage usage, int cells) {
    int finished = usage.cellSeconds().size();
    return finished > 0 && finished < cells ? finished : null;
  }

  /** The first cell before {@code index} that failed, as "cell N (grade_id g): Error: text", or null. */
  private static String firstErrorBefore(List<Cell> cells, int index) {
    for (int i = 0; i < index; i++) {
      JsonNode failure = error(cells.get(i), null);
      if (failure != null) {
        String id = GradingFlags.gradeId(cells.get(i));
        return "cell "
            + i
            + (id == null ? "" : " (grade_id " + id + ")")
            + ": "
            + Tracebacks.summary(failure);
      }
    }
    return null;
  }

  /** A cell's first error output (of {@code ename} when given), or null. */
  private static JsonNode error(Cell cell, String ename) {
    if (!cell.isCode()) {
      return null;
    }
    for (JsonNode output : cell.outputs()) {
      if ("error".equals(output.path("output_type").asText())
          && (ename == null || ename.equals(output.path("ename").asText()))) {
        return output;
      }
    }
    return null;
  }

  private static int indexOf(List<Cell> cells, String gradeId) {
    for (int i = 0; i < cells.size(); i++) {
      if (gradeId.equals(GradingFlags.gradeId(cells.get(i)))) {
        return i;
      }
    }
    return -1;
  }

  private static Finding error(
      Path file, Integer index, Notebook source, Integer line, String message) {
    String gradeId = index == null ? null : GradingFlags.gradeId(source.cells().get(index));
    return Finding.error(file, index, gradeId, line, message).withRule(SOLUTION_FAILS);
  }

  private static String seconds(ExecutionLimits limits) {
    return limits.perCellTimeout() == null ? "(none)" : limits.perCellTimeout().toSeconds() + " s";
  }
}
