package dev.tito.notebook.autograde;

import dev.tito.notebook.gradebook.ReleaseGradebook.GradeCell;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.gradebook.ReleaseGradebook.SourceCell;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nbgrader's SaveAutoGrades: scores every grade and task cell of an executed notebook from its
 * outputs and the gradebook rows alone (never from anything the student's code wrote elsewhere).
 */
final class ScoreCells {
  static final String NO_RESPONSE = CellGrade.NO_RESPONSE;
  private static final String HIDDEN_MARKER = "BEGIN HIDDEN TESTS";

  /** The scored tests (cell order, then cells missing from the submission) and the answer comments. */
  record Scores(List<TestResult> tests, Map<String, String> comments) {}

  private ScoreCells() {}

  /**
   * @param executionFailure null when the outputs are trustworthy; else the reason every test scores 0
   * @param tampering by cell index, what student code did around that test cell: its score waits for a person
   */
  static Scores score(
      Notebook executed,
      NotebookRows rows,
      String executionFailure,
      Map<Integer, List<String>> tampering) {
    List<TestResult> tests = new ArrayList<>();
    Map<String, String> comments = new LinkedHashMap<>();
    for (String solution : rows.solutionCells()) {
      comments.put(solution, null);
    }
    for (String task : rows.taskCells().keySet()) {
      comments.put(task, null);
    }
    List<Cell> cells = executed.cells();
    for (int index = 0; index < cells.size(); index++) {
      Cell cell = cells.get(index);
      String id = GradingFlags.gradeId(cell);
      if (id == null) {
        continue;
      }
      boolean unchanged = CellGrade.unchanged(cell);
      if (comments.containsKey(id)
          && (GradingFlags.isSolution(cell) || GradingFlags.isTask(cell))) {
        comments.put(id, unchanged && !GradingFlags.isTask(cell) ? NO_RESPONSE : null);
      }
      GradeCell grade = rows.gradeCells().get(id);
      GradeCell task = rows.taskCells().get(id);
      if (grade != null && GradingFlags.isGrade(cell)) {
        tests.add(
            grade(
                cell,
                id,
                grade.maxScore(),
                hidden(rows, id),
                executionFailure,
                tampering.get(index)));
      } else if (task != null && GradingFlags.isTask(cell)) {
        tests.add(
            new TestResult(
                id,
                TestKind.TASK,
                cell.type(),
                0,
                null,
                task.maxScore(),
                TestStatus.NEEDS_MANUAL_GRADE,
                true,
                false,
                "needs manual grading"));
      }
    }
    addMissing(tests, rows);
    return new Scores(tests, comments);
  }

  /** Cells the student deleted: nbgrader leaves their grade undecided (0, needs a person). */
  private static void addMissing(List<TestResult> tests, NotebookRows rows) {
    List<String> present = tests.stream().map(TestResult::gradeId).toList();
    rows.gradeCells()
        .forEach(
            (id, grade) -> {
              if (!present.contains(id)) {
                tests.add(
                    missing(
                        id,
                        kind(rows, id),
                        grade,
                        "cell deleted from the submission; needs manual grading"));
              }
            });
    rows.taskCells()
        .forEach(
            (id, task) -> {
              if (!present.contains(id)) {
                tests.add(
                    missing(
                        id,
                        TestKind.TASK,
                        task,
                        "cell deleted from the submission; needs manual grading"));
              }
            });
  }

  private static TestResult missing(String id, TestKind kind, GradeCell row, String message) {
    return new TestResult(
        id,
        kind,
        row.cellType(),
        0,
        null,
        row.maxScore(),
        TestStatus.MISSING,
        true,
        false,
        message);
  }

  /** Every grade of a notebook the student did not hand in: 0, decided (nbgrader 6.1 step 6). */
  static Scores notSubmitted(NotebookRows rows) {
    List<TestResult> tests = new ArrayList<>();
    rows.gradeCells()
        .forEach(
            (id, row) ->
                tests.add(
                    new TestResult(
                        id,
                        kind(rows, id),
                        row.cellType(),
                        0,
                        0.0,
                        row.maxScore(),
                        TestStatus.MISSING,
                        false,
                        hidden(rows, id),
                        "notebook not submitted")));
    rows.taskCells()
        .forEach(
            (id, row) ->
                tests.add(
                    new TestResult(
                        id,
                        TestKind.TASK,
                        row.cellType(),
                        0,
                        0.0,
                        row.maxScore(),
                        TestStatus.MISSING,
                        false,
                        false,
                        "notebook not submitted")));
    Map<String, String> comments = new LinkedHashMap<>();
    rows.solutionCells().forEach(id -> comments.put(id, null));
    rows.taskCells().keySet().forEach(id -> comments.put(id, null));
    return new Scores(tests, comments);
  }

  private static TestKind kind(NotebookRows rows, String id) {
    return rows.solutionCells().contains(id) ? TestKind.MANUAL_ANSWER : TestKind.AUTOGRADED_TEST;
  }

  private static boolean hidden(NotebookRows rows, String id) {
    SourceCell source = rows.sourceCells().get(id);
    return source != null && source.source() != null && source.source().contains(HIDDEN_MARKER);
  }

  private static TestResult grade(
      Cell cell,
      String id,
      double max,
      boolean hidden,
      String executionFailure,
      List<String> tampering) {
    TestKind kind =
        GradingFlags.isSolution(cell) ? TestKind.MANUAL_ANSWER : TestKind.AUTOGRADED_TEST;
    if (executionFailure != null && kind == TestKind.AUTOGRADED_TEST && cell.isCode()) {
      return result(cell, id, kind, 0.0, max, hidden, executionFailure);
    }
    CellGrade grade = CellGrade.of(cell, max);
    TestResult result = result(cell, id, kind, grade.score(), max, hidden, grade.message());
    return tampering != null && !tampering.isEmpty() && kind == TestKind.AUTOGRADED_TEST
        ? Tampering.suspected(result, tampering)
        : result;
  }

  private static TestResult result(
      Cell cell,
      String id,
      TestKind kind,
      Double auto,
      double max,
      boolean hidden,
      String message) {
    TestStatus status;
    if (auto == null) {
      status = TestStatus.NEEDS_MANUAL_GRADE;
    } else if (auto >= max && !(max == 0 && !message.isEmpty())) {
      status = TestStatus.PASSED;
    } else if (auto > 0) {
      status = TestStatus.PARTIAL;
    } else {
      status = TestStatus.FAILED;
    }
    return new TestResult(
        id,
        kind,
        cell.type(),
        auto == null ? 0 : auto,
        auto,
        max,
        status,
        auto == null,
        hidden,
        message);
  }
}
