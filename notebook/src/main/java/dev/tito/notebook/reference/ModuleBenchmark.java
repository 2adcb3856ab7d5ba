package dev.tito.notebook.reference;

import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A module's reference solution as the benchmark gate sees it: how long grading it took, its slowest cell, the
 * kernel's peak memory, and which limits it went over. Pure: from the graded runs and the limits.
 *
 * @param seconds the grading time of every notebook's solution, added up
 * @param slowest the slowest cell of any notebook, or null when no cell was timed
 * @param peakBytes the highest peak memory of any notebook's kernel, or null when none was measured
 * @param testsPassed autograded tests that passed on the solution, of {@code tests}
 * @param failure why a notebook's solution did not run through ({@code name: message}), or null
 * @param exceeded one line per limit gone over
 */
public record ModuleBenchmark(
    String module,
    double seconds,
    SlowestCell slowest,
    Long peakBytes,
    int testsPassed,
    int tests,
    String failure,
    List<String> exceeded) {

  /** A cell and its time. @param fileLine its {@code # %%} line in a jupytext file, or null */
  public record SlowestCell(
      Path file, int index, String gradeId, Integer fileLine, double seconds) {
    /** {@code cell 14 (grade_id x)}, the way findings name a cell. */
    public String describe() {
      return "cell " + index + (gradeId == null ? "" : " (grade_id " + gradeId + ")");
    }
  }

  public ModuleBenchmark {
    exceeded = List.copyOf(exceeded);
  }

  /** Within every limit, and every notebook ran through. */
  public boolean passed() {
    return failure == null && exceeded.isEmpty();
  }

  public static ModuleBenchmark of(String module, List<NotebookRuns> runs, BenchmarkLimits limits) {
    double seconds = 0;
    SlowestCell slowest = null;
    Long peak = null;
    int passed = 0;
    int tests = 0;
    String failure = null;
    for (NotebookRuns run : runs) {
      seconds += run.solutionTime().toNanos() / 1e9;
      slowest = slower(slowest, slowestOf(run));
      Long measured = run.solution().usage().kernelPeakBytes();
      if (measured != null && (peak == null || measured > peak)) {
        peak = measured;
      }
      NotebookGrade grade = run.solution().grade();
      if (failure == null && !"ok".equals(grade.failure())) {
        failure = grade.name() + ": " + grade.failureMessage();
      }
      for (TestResult test : grade.tests()) {
        if (test.kind() == TestKind.AUTOGRADED_TEST) {
          tests++;
          passed += test.status() == TestStatus.PASSED ? 1 : 0;
        }
      }
    }
    return new ModuleBenchmark(
        module,
        seconds,
        slowest,
        peak,
        passed,
        tests,
        failure,
        exceeded(seconds, slowest, peak, limits));
  }

  private static List<String> exceeded(
      double seconds, SlowestCell slowest, Long peak, BenchmarkLimits limits) {
    List<String> over = new ArrayList<>();
    double maxTime = limits.maxTime().toMillis() / 1000.0;
    if (seconds > maxTime) {
      over.add(
          String.format(
              Locale.ROOT,
              "grading took %.1f s, more than the %s s allowed (--max-time)",
              seconds,
              number(maxTime)));
    }
    double maxCell = limits.maxCellTime().toMillis() / 1000.0;
    if (slowest != null && slowest.seconds() > maxCell) {
      over.add(
          String.format(
              Locale.ROOT,
              "%s of %s took %.1f s, more than the %s s allowed (--max-cell-time)",
              slowest.describe(),
              slowest.file().getFileName(),
              slowest.seconds(),
              number(maxCell)));
    }
    if (peak != null && peak > limits.maxPeakBytes()) {
      over.add(
          "the kernel's peak memory, "
              + mebibytes(peak)
              + " MiB, is more than the "
              + mebibytes(limits.maxPeakBytes())
              + " MiB allowed (--max-memory)");
    }
    return over;
  }

  private static SlowestCell slowestOf(NotebookRuns run) {
    List<Double> times = run.solution().usage().cellSeconds();
    int index = -1;
    for (int i = 0; i < times.size(); i++) {
      if (index < 0 || times.get(i) > times.get(index)) {
        index = i;
      }
    }
    if (index < 0) {
      return null;
    }
    var cell = run.notebook().notebook().cells().get(index);
    return new SlowestCell(
        run.notebook().file(),
        index,
        GradingFlags.gradeId(cell),
        run.notebook().lines().fileLine(index, null),
        times.get(index));
  }

  private static SlowestCell slower(SlowestCell a, SlowestCell b) {
    return a == null || b != null && b.seconds() > a.seconds() ? b : a;
  }

  /** Whole mebibytes, rounded up (a limit of 2048 MiB is not shown as met by 2048.4). */
  public static long mebibytes(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
