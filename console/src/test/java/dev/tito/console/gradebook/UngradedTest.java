package dev.tito.console.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.console.gradebook.Ungraded.Position;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import dev.tito.notebook.export.ModuleGrades;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UngradedTest {
  @org.junit.jupiter.api.Test
  void aModuleWhereNothingWaitsHasNoNextCell() {
    assertThat(Ungraded.next(new ModuleGrades("m", null, List.of(result("ben"))), null)).isEmpty();
    assertThat(
            Ungraded.next(
                new ModuleGrades("m", null, List.of(result("ada", "a1"))),
                new Position("ada", "nb", "a1")))
        .isEmpty();
  }

  /** ada waits on a1 and a2, ben on nothing, cy on a2: test t never waits. */
  private static final ModuleGrades MODULE =
      new ModuleGrades(
          "m", null, List.of(result("cy", "a2"), result("ada", "a1", "a2"), result("ben")));

  @ParameterizedTest(name = "after {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "             | ada/a1",
        "ada/a1       | ada/a2",
        "ada/a2       | cy/a2",
        "ben/t        | cy/a2",
        "cy/a2        | ada/a1",
        "ada/t        | ada/a1",
        "ada/gone     | cy/a2",
        "ada/         | cy/a2"
      })
  void theNextCellThatWaitsForAPersonComesInStudentThenCellOrderAndWrapsAround(
      String after, String next) {
    Position from =
        after == null ? null : new Position(after.split("/", -1)[0], "nb", after.split("/", -1)[1]);
    Optional<Position> found = Ungraded.next(MODULE, from);

    assertThat(found.map(p -> p.student() + "/" + p.gradeId()).orElse("none")).isEqualTo(next);
  }

  private static GradingResult result(String student, String... waiting) {
    List<TestResult> tests =
        List.of(
            test("t", false),
            test("a1", Arrays.asList(waiting).contains("a1")),
            test("a2", Arrays.asList(waiting).contains("a2")));
    return GradingResult.of(
        "m",
        student,
        null,
        0,
        List.of(
            new NotebookGrade(
                "nb",
                true,
                "ok",
                null,
                0,
                3,
                0,
                waiting.length > 0,
                tests,
                Map.of(),
                List.of(),
                new Timings(0, 0, 0))));
  }

  private static TestResult test(String id, boolean waiting) {
    return new TestResult(
        id,
        id.equals("t") ? TestKind.AUTOGRADED_TEST : TestKind.MANUAL_ANSWER,
        "markdown",
        waiting ? 0 : 1,
        waiting ? null : 1.0,
        1,
        waiting ? TestStatus.NEEDS_MANUAL_GRADE : TestStatus.PASSED,
        waiting,
        false,
        "");
  }
}
