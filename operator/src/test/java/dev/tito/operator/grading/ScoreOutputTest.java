package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.api.submission.SubmissionResults;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.InvalidGradingResultException;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The score container's line read as untrusted: clamped to the operator's rows, the right student, a capped page. */
class ScoreOutputTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ReleaseGradebook ROWS =
      new ReleaseGradebook(
          null,
          new TreeMap<>(
              Map.of(
                  "tensor",
                  new ReleaseGradebook.NotebookRows(
                      new TreeMap<>(
                          Map.of(
                              "t1",
                              new ReleaseGradebook.GradeCell("code", 2),
                              "t2",
                              new ReleaseGradebook.GradeCell("code", 3))),
                      "{}",
                      List.of(),
                      new TreeMap<>(),
                      new TreeMap<>()))));

  @Test
  void scoresAreClampedAndTotalsRecomputedFromTheOperatorsRows() throws Exception {
    ScoreOutput output = ScoreOutput.parse(line("ada", 99, -4, "<p>ok</p>"), "m1", "ada", ROWS);

    assertThat(output.result().rawScore()).isEqualTo(2);
    assertThat(output.result().maxScore()).isEqualTo(5);
    assertThat(output.feedback()).isEqualTo("<p>ok</p>");
    assertThat(SubmissionResults.of(output.result()))
        .extracting(t -> t.gradeId + "=" + t.score + "/" + t.maxScore + " " + t.status)
        .containsExactlyInAnyOrder("t1=2.0/2.0 passed", "t2=0.0/3.0 failed");
  }

  @Test
  void aResultForAnotherStudentOrWithoutTheLineIsRefused() throws Exception {
    assertThatThrownBy(() -> ScoreOutput.parse(line("bob", 1, 1, ""), "m1", "ada", ROWS))
        .isInstanceOf(InvalidGradingResultException.class)
        .hasMessageContaining("m1/bob");
    assertThatThrownBy(
            () -> ScoreOutput.parse("Traceback (most recent call last):\n", "m1", "ada", ROWS))
        .hasMessage("score output: no grading-result line");
  }

  @Test
  void aLongFeedbackPageIsCutUnderTheConfigMapLimitWithANote() throws Exception {
    ScoreOutput output =
        ScoreOutput.parse(line("ada", 2, 3, "é".repeat(500_000)), "m1", "ada", ROWS);

    assertThat(output.feedback().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(ScoreOutput.FEEDBACK_LIMIT);
    assertThat(output.feedback())
        .endsWith("(feedback cut: it was longer than the operator keeps)</p>\n");
  }

  private static String line(String student, double t1, double t2, String feedback)
      throws Exception {
    List<TestResult> tests =
        List.of(
            new TestResult(
                "t1",
                TestKind.AUTOGRADED_TEST,
                "code",
                t1,
                t1,
                2,
                TestStatus.PASSED,
                false,
                false,
                ""),
            new TestResult(
                "t2",
                TestKind.AUTOGRADED_TEST,
                "code",
                t2,
                t2,
                3,
                TestStatus.FAILED,
                false,
                false,
                "AssertionError"));
    GradingResult result =
        GradingResult.of(
            "m1",
            student,
            null,
            0,
            List.of(
                new NotebookGrade(
                    "tensor",
                    true,
                    "ok",
                    "",
                    t1 + t2,
                    5,
                    0,
                    false,
                    tests,
                    Map.of(),
                    List.of(),
                    new Timings(0, 0, 0))));
    return "[NbConvertApp] noise\n"
        + JSON.writeValueAsString(
            Map.of("tito", "grading-result", "result", result, "feedback", feedback))
        + "\n";
  }
}
