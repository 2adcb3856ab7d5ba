package dev.tito.notebook.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GradeRequestTest {
  private static final GradingResult ADA =
      GradingResult.of(
          "m1",
          "ada",
          null,
          0,
          List.of(notebook("p1", "essay", "test-f"), notebook("p2", "essay")));

  private static NotebookGrade notebook(String name, String... ids) {
    List<TestResult> tests =
        Stream.of(ids)
            .map(
                id ->
                    new TestResult(
                        id,
                        TestKind.MANUAL_ANSWER,
                        "markdown",
                        0,
                        null,
                        2.0,
                        TestStatus.NEEDS_MANUAL_GRADE,
                        true,
                        false,
                        ""))
            .toList();
    return new NotebookGrade(
        name,
        true,
        "ok",
        "",
        0,
        2.0 * ids.length,
        0,
        true,
        tests,
        Map.of(),
        List.of(),
        new Timings(0, 0, 0));
  }

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("p1", "essay", 1.0, "p1/essay"),
        Arguments.of(null, "test-f", 1.0, "p1/test-f"),
        Arguments.of("p2", "essay", 2.0, "p2/essay"),
        Arguments.of(
            null, "essay", 1.0, "m1: cell 'essay' is in notebooks p1 and p2; name the notebook"),
        Arguments.of(
            null, "bonus", 1.0, "m1 has no graded cell 'bonus' (graded cells: essay, test-f)"),
        Arguments.of(
            "p2",
            "test-f",
            1.0,
            "m1 has no graded cell 'test-f' in notebook p2 (graded cells: essay)"),
        Arguments.of("p9", "essay", 1.0, "m1 has no notebook 'p9' (notebooks: p1, p2)"),
        Arguments.of(
            "p1", "essay", 2.5, "ada: p1/essay: score 2.5 is above the cell's 2.0 points"));
  }

  @ParameterizedTest(name = "{0}/{1} {2}: {3}")
  @MethodSource("requests")
  void aRequestNamesOneCellOfTheSubmissionAndAScoreWithinItsPoints(
      String notebook, String id, double score, String outcome) {
    GradeRequest request = new GradeRequest("ada", notebook, id, score, null, null);
    String found;
    try {
      ManualGrade grade = request.grade(request.target(ADA), "sha256:x", "alice", Instant.EPOCH);
      found = grade.notebook() + "/" + grade.gradeId();
    } catch (IllegalArgumentException e) {
      found = e.getMessage();
    }
    assertThat(found).isEqualTo(outcome);
  }
}
