package dev.tito.operator.grading;

import dev.tito.api.submission.TestResult;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import java.util.ArrayList;
import java.util.List;

/** The per-test results of a clamped grading result, in the Submission status' words. */
final class GradedTests {
  private static final int ERROR_LIMIT = 300;

  private GradedTests() {}

  static List<TestResult> of(GradingResult result) {
    List<TestResult> tests = new ArrayList<>();
    for (NotebookGrade notebook : result.notebooks()) {
      for (var test : notebook.tests()) {
        TestResult row = new TestResult();
        row.notebook = notebook.name();
        row.gradeId = test.gradeId();
        row.score = test.score();
        row.maxScore = test.maxScore();
        row.status = switch (test.status()) {
          case PASSED -> "passed";
          case NEEDS_MANUAL_GRADE -> "manual";
          case MISSING -> "not_run";
          case FAILED, PARTIAL -> "failed";
        };
        if (test.message() != null && !test.message().isBlank() && !"passed".equals(row.status)) {
          String line = test.message().lines().reduce((a, b) -> b).orElse("");
          row.error = line.length() > ERROR_LIMIT ? line.substring(0, ERROR_LIMIT) + "..." : line;
        }
        tests.add(row);
      }
    }
    return tests;
  }
}
