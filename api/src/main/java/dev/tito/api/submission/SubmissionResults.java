package dev.tito.api.submission;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Submission status' per-test results in the notebook engine's words and back: what the operator writes from a
 * grading result, and what exports, the student's pages and manual grading read from it.
 */
public final class SubmissionResults {
  private static final int ERROR_LIMIT = 300;

  private SubmissionResults() {}

  public static List<TestResult> of(GradingResult result) {
    List<TestResult> tests = new ArrayList<>();
    for (NotebookGrade notebook : result.notebooks()) {
      for (var test : notebook.tests()) {
        TestResult row = new TestResult();
        row.notebook = notebook.name();
        row.gradeId = test.gradeId();
        row.kind = test.kind().wireName();
        row.cellType = test.cellType();
        row.score = test.score();
        row.maxScore = test.maxScore();
        row.autoScore = test.autoScore();
        row.status =
            switch (test.status()) {
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
    List<NotebookGrade> notebooks = new ArrayList<>();
    byNotebook(status)
        .forEach(
            (name, tests) ->
                notebooks.add(
                    new NotebookGrade(
                        name,
                        true,
                        "ok",
                        "",
                        tests.stream()
                            .mapToDouble(dev.tito.notebook.autograde.TestResult::score)
                            .sum(),
                        tests.stream()
                            .mapToDouble(dev.tito.notebook.autograde.TestResult::maxScore)
                            .sum(),
                        0,
                        tests.stream()
                            .anyMatch(dev.tito.notebook.autograde.TestResult::needsManualGrade),
                        tests,
                        Map.of(),
                        List.of(),
                        new Timings(0, 0, 0))));
    return GradingResult.of(assignment, student, null, 0, notebooks);
  }

  /** The status' tests by notebook, in the order of its results. */
  public static Map<String, List<dev.tito.notebook.autograde.TestResult>> byNotebook(
      SubmissionStatus status) {
    Map<String, List<dev.tito.notebook.autograde.TestResult>> byNotebook = new LinkedHashMap<>();
    for (TestResult row : status.results) {
      byNotebook
          .computeIfAbsent(row.notebook == null ? "" : row.notebook, nb -> new ArrayList<>())
          .add(test(row));
    }
    return byNotebook;
  }

  /**
   * One result as the engine's test: the autograder's word and a person's. A status written before autoScore, kind
   * and cellType were kept holds the autograder's score in score, and says only whether a person grades the cell.
   */
  public static dev.tito.notebook.autograde.TestResult test(TestResult row) {
    double max = row.maxScore == null ? 0 : row.maxScore;
    double score = row.score == null ? 0 : row.score;
    boolean manual = "manual".equals(row.status);
    boolean legacy = row.kind == null;
    Double auto = !legacy || manual ? row.autoScore : Double.valueOf(score);
    TestStatus word =
        switch (String.valueOf(row.status)) {
          case "passed" -> TestStatus.PASSED;
          case "manual" -> TestStatus.NEEDS_MANUAL_GRADE;
          case "not_run" -> TestStatus.MISSING;
          default ->
              auto != null && auto > 0 && auto < max ? TestStatus.PARTIAL : TestStatus.FAILED;
        };
    TestKind kind =
        Arrays.stream(TestKind.values())
            .filter(k -> k.wireName().equals(row.kind))
            .findFirst()
            .orElse(manual ? TestKind.MANUAL_ANSWER : TestKind.AUTOGRADED_TEST);
    // the status does not say which tests were hidden: exports show them all, as the student's
    // results do
    return new dev.tito.notebook.autograde.TestResult(
            row.gradeId,
            kind,
            row.cellType == null ? "code" : row.cellType,
            0,
            auto,
            max,
            word,
            auto == null,
            false,
            row.error == null ? "" : row.error)
        .graded(row.manualScore, row.extraCredit, row.comment);
  }
}
