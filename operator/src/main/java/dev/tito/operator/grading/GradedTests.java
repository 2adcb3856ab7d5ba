package dev.tito.operator.grading;

import dev.tito.api.submission.TestResult;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;

/** The per-test results of a clamped grading result, in the Submission status' words, and back. */
public final class GradedTests {
  private static final int ERROR_LIMIT = 300;

  private GradedTests() {}

  public static List<TestResult> of(GradingResult result) {
    List<TestResult> tests = new ArrayList<>();
    for (NotebookGrade notebook : result.notebooks()) {
      for (var test : notebook.tests()) {
        TestResult row = new TestResult();
        row.notebook = notebook.name();
        row.gradeId = test.gradeId();
        row.score = test.score();
        row.maxScore = test.maxScore();
        row.autoScore = test.autoScore();
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

  /**
   * A Graded status as a grading result, notebooks in the order of its results, for the pages a student reads:
   * scores as they count now (a person's grades included), no late penalty (as a grading Job reports none).
   */
  public static GradingResult result(String assignment, String student, SubmissionStatus status) {
    Map<String, List<dev.tito.notebook.autograde.TestResult>> byNotebook = new LinkedHashMap<>();
    for (TestResult row : status.results) {
      double max = row.maxScore == null ? 0 : row.maxScore;
      Double auto = row.autoScore;
      TestStatus word = switch (String.valueOf(row.status)) {
        case "passed" -> TestStatus.PASSED;
        case "manual" -> TestStatus.NEEDS_MANUAL_GRADE;
        case "not_run" -> TestStatus.MISSING;
        default -> auto != null && auto > 0 ? TestStatus.PARTIAL : TestStatus.FAILED;
      };
      byNotebook.computeIfAbsent(String.valueOf(row.notebook), nb -> new ArrayList<>())
          .add(new dev.tito.notebook.autograde.TestResult(row.gradeId, TestKind.AUTOGRADED_TEST, "code", 0, auto, max,
              word, auto == null, false, row.error == null ? "" : row.error)
              .graded(row.manualScore, row.extraCredit, row.comment));
    }
    List<NotebookGrade> notebooks = new ArrayList<>();
    byNotebook.forEach((name, tests) -> notebooks.add(new NotebookGrade(name, true, "ok", "",
        tests.stream().mapToDouble(dev.tito.notebook.autograde.TestResult::score).sum(),
        tests.stream().mapToDouble(dev.tito.notebook.autograde.TestResult::maxScore).sum(), 0,
        tests.stream().anyMatch(dev.tito.notebook.autograde.TestResult::needsManualGrade), tests, Map.of(), List.of(),
        new Timings(0, 0, 0))));
    return GradingResult.of(assignment, student, null, 0, notebooks);
  }
}
