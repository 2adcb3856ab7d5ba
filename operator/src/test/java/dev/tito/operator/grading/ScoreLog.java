package dev.tito.operator.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.notebook.autograde.GradedSubmission;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import dev.tito.notebook.feedback.FeedbackPage;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.Notebook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** What a grading Job's score container logs, for a kubelet played by a test. */
public final class ScoreLog {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private ScoreLog() {}

  /** The score container's output, each test of the release's gradebook scored by {@code score}. */
  public static String of(
      ReleaseGradebook gradebook,
      String assignment,
      String student,
      ToDoubleFunction<String> score,
      String feedback) {
    return line(result(gradebook, assignment, student, score, null), feedback);
  }

  /**
   * Full marks, but cell {@code written} is an answer only a person can grade (no automatic score); the feedback is
   * the page a grading Job renders for that result from these autograded notebooks (by name, without .ipynb).
   */
  public static String withWrittenAnswer(
      ReleaseGradebook gradebook,
      String assignment,
      String student,
      String written,
      Map<String, Notebook> autograded) {
    GradingResult result =
        result(gradebook, assignment, student, id -> maxOf(gradebook, id), written);
    return line(result, FeedbackPage.render(new GradedSubmission(result, autograded)));
  }

  private static GradingResult result(
      ReleaseGradebook gradebook,
      String assignment,
      String student,
      ToDoubleFunction<String> score,
      String written) {
    List<NotebookGrade> notebooks = new ArrayList<>();
    gradebook
        .notebooks()
        .forEach(
            (nb, rows) -> {
              List<TestResult> tests = new ArrayList<>();
              rows.gradeCells()
                  .forEach(
                      (id, cell) -> {
                        if (id.equals(written)) {
                          tests.add(
                              new TestResult(
                                  id,
                                  TestKind.MANUAL_ANSWER,
                                  cell.cellType(),
                                  0,
                                  null,
                                  cell.maxScore(),
                                  TestStatus.NEEDS_MANUAL_GRADE,
                                  true,
                                  false,
                                  "needs manual grading"));
                          return;
                        }
                        double points = score.applyAsDouble(id);
                        tests.add(
                            new TestResult(
                                id,
                                TestKind.AUTOGRADED_TEST,
                                cell.cellType(),
                                points,
                                points,
                                cell.maxScore(),
                                points >= cell.maxScore() ? TestStatus.PASSED : TestStatus.FAILED,
                                false,
                                false,
                                points >= cell.maxScore() ? "" : "AssertionError: wrong shape"));
                      });
              double total = tests.stream().mapToDouble(TestResult::score).sum();
              double max = tests.stream().mapToDouble(TestResult::maxScore).sum();
              notebooks.add(
                  new NotebookGrade(
                      nb,
                      true,
                      "ok",
                      "",
                      total,
                      max,
                      0,
                      tests.stream().anyMatch(TestResult::needsManualGrade),
                      tests,
                      Map.of(),
                      List.of(),
                      new Timings(1, 2, 3)));
            });
    return GradingResult.of(assignment, student, null, 0, notebooks);
  }

  private static double maxOf(ReleaseGradebook gradebook, String id) {
    return gradebook.notebooks().values().stream()
        .filter(rows -> rows.gradeCells().containsKey(id))
        .findFirst()
        .orElseThrow()
        .gradeCells()
        .get(id)
        .maxScore();
  }

  private static String line(GradingResult result, String feedback) {
    try {
      return "some noise\n"
          + JSON.writeValueAsString(
              Map.of("tito", "grading-result", "result", result, "feedback", feedback))
          + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Full marks on every test. */
  public static String fullMarks(ReleaseGradebook gradebook, String assignment, String student) {
    return of(
        gradebook,
        assignment,
        student,
        id -> maxOf(gradebook, id),
        "<html><body>well done</body></html>");
  }
}
