package dev.tito.notebook.autograde;

import dev.tito.notebook.execute.FailureClass;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A submitted file that is no notebook: every grade is 0 and the reason says why. */
final class InvalidSubmission {
  private InvalidSubmission() {}

  static NotebookGrade grade(String name, NotebookRows rows, String reason) {
    List<TestResult> tests = new ArrayList<>();
    rows.gradeCells()
        .forEach(
            (id, row) ->
                tests.add(
                    new TestResult(
                        id,
                        rows.solutionCells().contains(id)
                            ? TestKind.MANUAL_ANSWER
                            : TestKind.AUTOGRADED_TEST,
                        row.cellType(),
                        0,
                        0.0,
                        row.maxScore(),
                        TestStatus.FAILED,
                        false,
                        false,
                        "invalid notebook")));
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
                        TestStatus.FAILED,
                        false,
                        false,
                        "invalid notebook")));
    Map<String, String> comments = new LinkedHashMap<>();
    rows.solutionCells().forEach(id -> comments.put(id, null));
    double max = tests.stream().mapToDouble(TestResult::maxScore).sum();
    return new NotebookGrade(
        name,
        true,
        FailureClass.INVALID_NOTEBOOK.wireName(),
        reason,
        0,
        max,
        0,
        false,
        tests,
        comments,
        List.of(),
        new Timings(0, 0, 0));
  }
}
