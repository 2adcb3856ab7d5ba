package dev.tito.notebook.reference;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.autograde.AutogradedNotebook;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionUsage;
import dev.tito.notebook.gates.ModuleNotebook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The benchmark gate's verdict on a module's graded reference solution. */
class ModuleBenchmarkTest {
  private static final long MIB = 1 << 20;
  private static final BenchmarkLimits LIMITS =
      new BenchmarkLimits(Duration.ofSeconds(10), Duration.ofSeconds(2), 100 * MIB);

  /** One notebook "nb" (cells: answer, test "check") graded in {@code seconds}, with these cell times and peak. */
  private static NotebookRuns graded(
      String failure, double seconds, List<Double> cells, Long peak) {
    ModuleNotebook module =
        new ModuleNotebook(
            Path.of("nb.ipynb"),
            notebook(solution(code("x = 1"), "answer"), tests(code("assert x == 1"), "check", 1)));
    TestResult check =
        new TestResult(
            "check",
            TestKind.AUTOGRADED_TEST,
            "code",
            1,
            1.0,
            1,
            TestStatus.PASSED,
            false,
            false,
            "");
    NotebookGrade grade =
        new NotebookGrade(
            "nb",
            true,
            failure,
            "ok".equals(failure) ? "" : "the kernel died: boom",
            1,
            1,
            0,
            false,
            List.of(check),
            Map.of(),
            List.of(),
            new Timings(0, 0, 0));
    return new NotebookRuns(
        module,
        new AutogradedNotebook(null, grade, new ExecutionUsage(peak, cells)),
        Duration.ofMillis(Math.round(seconds * 1000)),
        null);
  }

  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of("within every limit", graded("ok", 3, List.of(0.5, 1.0), 50 * MIB), List.of()),
        Arguments.of(
            "over the module's time",
            graded("ok", 12.5, List.of(0.5, 1.0), 50 * MIB),
            List.of("grading took 12.5 s, more than the 10 s allowed (--max-time)")),
        Arguments.of(
            "a cell over its time",
            graded("ok", 3, List.of(0.5, 2.5), 50 * MIB),
            List.of(
                "cell 1 (grade_id check) of nb.ipynb took 2.5 s, more than the 2 s allowed (--max-cell-time)")),
        Arguments.of(
            "over the memory",
            graded("ok", 3, List.of(0.5, 1.0), 150 * MIB + 1),
            List.of(
                "the kernel's peak memory, 151 MiB, is more than the 100 MiB allowed (--max-memory)")),
        Arguments.of(
            "no peak measured is no verdict on memory",
            graded("ok", 3, List.of(0.5), null),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verdicts")
  void aModuleGoesOverTheLimitsItExceeds(String name, NotebookRuns runs, List<String> exceeded) {
    ModuleBenchmark benchmark = ModuleBenchmark.of("m", List.of(runs), LIMITS);

    assertThat(benchmark.exceeded()).containsExactlyElementsOf(exceeded);
    assertThat(benchmark.passed()).isEqualTo(exceeded.isEmpty());
  }

  @Test
  void theSlowestCellAndThePeakAreTheHighestOfAnyNotebookAndTheTimesAddUp() {
    ModuleBenchmark benchmark =
        ModuleBenchmark.of(
            "m",
            List.of(
                graded("ok", 1.5, List.of(0.2, 0.7), 60 * MIB),
                graded("ok", 2.0, List.of(0.9, 0.1), 40 * MIB)),
            LIMITS);

    assertThat(benchmark.seconds()).isEqualTo(3.5);
    assertThat(benchmark.slowest().index()).isZero();
    assertThat(benchmark.slowest().describe()).isEqualTo("cell 0 (grade_id answer)");
    assertThat(benchmark.slowest().seconds()).isEqualTo(0.9);
    assertThat(benchmark.peakBytes()).isEqualTo(60 * MIB);
    assertThat(benchmark.testsPassed()).isEqualTo(2);
    assertThat(benchmark.tests()).isEqualTo(2);
  }

  @Test
  void aSolutionThatDoesNotRunThroughFailsTheGateWithItsReason() {
    ModuleBenchmark benchmark =
        ModuleBenchmark.of("m", List.of(graded("kernel_died", 1, List.of(0.1), null)), LIMITS);

    assertThat(benchmark.passed()).isFalse();
    assertThat(benchmark.failure()).isEqualTo("nb: the kernel died: boom");
  }

  @Test
  void theDefaultLimitsAreHalfTheGradingLimits() {
    BenchmarkLimits derived = BenchmarkLimits.derivedFrom(ExecutionLimits.defaults());

    assertThat(derived.maxTime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(derived.maxCellTime()).isEqualTo(Duration.ofSeconds(15));
    assertThat(derived.maxPeakBytes()).isEqualTo(2048 * MIB);
  }
}
