package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --execute}, {@code release --execute} and {@code benchmark} on small modules, graded with the real
 * kernel: a solution that fails its own test, a test that passes without a solution, a solution that never finishes,
 * a kernel that dies, and modules whose source cannot be run.
 */
class ReferenceSolutionCommandTest {
  private static final String HEADER =
      """
      # %% nbgrader={"grade": false, "grade_id": "answer", "locked": false, "schema_version": 3, "solution": true}
      def add(a, b):
          ### BEGIN SOLUTION
      """;
  private static final String GOOD =
      HEADER
          + """
          return a + b
          ### END SOLUTION

      # %% nbgrader={"grade": false, "grade_id": "pause", "locked": true, "schema_version": 3, "solution": false}
      import time
      time.sleep(0.3)

      # %% nbgrader={"grade": true, "grade_id": "test-add", "locked": true, "points": 2, "schema_version": 3, "solution": false}
      assert add(1, 2) == 3
      """;

  /** The answer is wrong: its test fails from line 3 of the test cell, line 10 of the file. */
  private static final String FAILS =
      HEADER
          + """
          return a - b
          ### END SOLUTION

      # %% nbgrader={"grade": true, "grade_id": "test-add", "locked": true, "points": 2, "schema_version": 3, "solution": false}
      def check():
          assert add(1, 2) == 3, "1 + 2 should be 3"
      check()
      """;

  private static final String TESTS_NOTHING =
      GOOD
          + """

      # %% nbgrader={"grade": true, "grade_id": "test-types", "locked": true, "points": 1, "schema_version": 3, "solution": false}
      assert isinstance(1 + 2, int)
      """;
  private static final String HANGS =
      HEADER
          + """
          import time
          while True:
              time.sleep(0.05)
          ### END SOLUTION
      add(1, 2)

      # %% nbgrader={"grade": true, "grade_id": "test-add", "locked": true, "points": 2, "schema_version": 3, "solution": false}
      assert add is not None
      """;
  private static final String DIES =
      HEADER
          + """
          return a + b
          ### END SOLUTION

      # %% nbgrader={"grade": false, "grade_id": "crash", "locked": true, "schema_version": 3, "solution": false}
      import os
      os._exit(9)

      # %% nbgrader={"grade": true, "grade_id": "test-add", "locked": true, "points": 2, "schema_version": 3, "solution": false}
      assert add(1, 2) == 3
      """;

  @TempDir Path dir;

  /** {@code modules/<module>/<stem>.py} with {@code text}, in the course folder {@code dir/course}. */
  private Path module(String module, String text) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("course/modules").resolve(module));
    Files.writeString(folder.resolve(module.replaceFirst("^\\d+_", "") + ".py"), text);
    return folder;
  }

  @Test
  void aSolutionThatFailsItsOwnTestIsAnErrorNamingTheTestItsLineAndItsTraceback()
      throws IOException {
    Path module = module("01_fails", FAILS);

    TitoRun run = TitoRun.of("module", "validate", "--execute", module.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("01_fails +fails +1 +0 +0 ")
        .containsPattern(
            "error +"
                + module.resolve("fails.py")
                + " +1 +test-add +10 +fails on the reference solution "
                + "\\(0\\.0 of 2\\.0 points\\): AssertionError: 1 \\+ 2 should be 3 \\(at: assert add\\(1, 2\\) == 3, "
                + "\"1 \\+ 2 should be 3\"\\)")
        .endsWith("1 notebook checked, 1 reference solution graded: 1 error, 0 warnings\n");
  }

  @Test
  void releaseExecuteRefusesAModuleWhoseSolutionFailsAndPublishesTheOthers() throws IOException {
    module("01_fails", FAILS);
    module("02_good", GOOD);
    Path course = dir.resolve("course");

    TitoRun run =
        TitoRun.of(
            "module", "release", "--all", "--student", "--execute", "--course", course.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "fails.py:10: cell 1 (grade_id test-add): error: fails on the reference solution");
    assertThat(run.out())
        .containsPattern("01_fails +1 +refused: reference solution fails +-")
        .containsPattern("02_good +1 +released +2\\.0")
        .contains("1 of 2 modules released, 1 refused")
        .contains(
            "the findings: tito module validate "
                + course
                + " --execute --timeout 30 --deadline 600");
    assertThat(course.resolve("release/01_fails")).doesNotExist();
    assertThat(course.resolve(".tito/01_fails.json")).doesNotExist();
    assertThat(course.resolve("release/02_good/good.ipynb")).exists();
  }

  @Test
  void runLimitsGivenToACommandThatRunsNothingAreAUsageErrorNotIgnored() throws IOException {
    module("02_good", GOOD);
    Path course = dir.resolve("course");

    TitoRun release =
        TitoRun.of(
            "module",
            "release",
            "--all",
            "--student",
            "--timeout",
            "5",
            "--course",
            course.toString());
    TitoRun validate = TitoRun.of("module", "validate", "--parallel", "2", course.toString());

    assertThat(release.exitCode()).isEqualTo(2);
    assertThat(release.err())
        .contains("--execute grades the reference solutions: give --execute too");
    assertThat(course.resolve("release")).as("nothing released").doesNotExist();
    assertThat(validate.exitCode()).isEqualTo(2);
    assertThat(validate.err()).contains("--execute or --student runs notebooks");
  }

  @Test
  void aTestThatPassesWithoutASolutionIsAWarningAndTheModuleStillPasses() throws IOException {
    Path module = module("01_nothing", TESTS_NOTHING);

    TitoRun run = TitoRun.of("module", "validate", "--execute", module.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("01_nothing +nothing +2 +2 +1 ")
        .containsPattern(
            "warning +"
                + module.resolve("nothing.py")
                + " +3 +test-types +14 +passes without a solution: "
                + "it tests nothing \\(1\\.0 of 1\\.0 points on the student release\\)");
  }

  @Test
  void aSolutionThatNeverFinishesIsInterruptedAtThePerCellTimeoutAndNamed() throws IOException {
    Path module = module("01_hangs", HANGS);

    TitoRun run =
        TitoRun.of("module", "validate", "--execute", "--timeout", "2", module.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern(
            "error +"
                + module.resolve("hangs.py")
                + " +0 +answer +\\d+ +did not finish "
                + "within the per-cell timeout of 2 s \\(--timeout\\) on the reference solution: it was interrupted");
  }

  @Test
  void aKernelThatDiesIsOneErrorNamingTheCellThatWasRunning() throws IOException {
    Path module = module("01_dies", DIES);

    TitoRun run = TitoRun.of("module", "validate", "--execute", module.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("01_dies +dies +1 +kernel_died +")
        .containsPattern(
            "error +"
                + module.resolve("dies.py")
                + " +1 +crash +7 +the reference solution does not run "
                + "through: the kernel died.*\\(cell 1 was running\\)");
  }

  @Test
  void theJsonOfValidateExecuteHasEachRunAndTheFindings() throws IOException {
    Path module = module("01_nothing", TESTS_NOTHING);

    TitoRun run = TitoRun.of("module", "validate", "--execute", "--json", module.toString());

    JsonNode json = new ObjectMapper().readTree(run.out());
    JsonNode executed = json.path("executed").get(0);
    assertThat(executed.path("module").asText()).isEqualTo("01_nothing");
    assertThat(executed.path("tests").asInt()).isEqualTo(2);
    assertThat(executed.path("solution").path("passed").asInt()).isEqualTo(2);
    assertThat(executed.path("release").path("passed").asInt()).isEqualTo(1);
    assertThat(json.path("findings").get(0).path("rule").asText()).isEqualTo("tests-nothing");
    assertThat(json.path("summary").path("executed").asInt()).isEqualTo(1);
  }

  @Test
  void benchmarkReportsTheTimeTheSlowestCellAndThePeakMemoryAndFailsAModuleOverALimit()
      throws IOException {
    module("01_good", GOOD);
    String course = dir.resolve("course").toString();

    TitoRun within = TitoRun.of("module", "benchmark", "01_good", "--course", course);
    TitoRun over =
        TitoRun.of(
            "module",
            "benchmark",
            "01_good",
            "--course",
            course,
            "--max-cell-time",
            "0.2",
            "--json");

    assertThat(within.exitCode()).as(within.err()).isZero();
    assertThat(within.out())
        .containsPattern(
            "01_good +\\d+\\.\\d\\d s +cell 1 \\(grade_id pause\\) good\\.py:7 +0\\.3\\d s"
                + " +\\d+ MiB +1/1 +ok")
        .contains("1 of 1 module within the limits (grading 300 s, a cell 15 s, memory 2048 MiB)");
    assertThat(over.exitCode()).isEqualTo(1);
    assertThat(over.err()).contains("tito: 01_good: cell 1 (grade_id pause) of good.py took 0.3");
    JsonNode module = new ObjectMapper().readTree(over.out()).path("modules").get(0);
    assertThat(module.path("status").asText()).isEqualTo("over_limits");
    assertThat(module.path("slowest_cell").path("grade_id").asText()).isEqualTo("pause");
    // a Python kernel with nothing imported holds some tens of MiB; a number, measured, not a
    // placeholder
    assertThat(module.path("kernel_peak_bytes").asLong()).isBetween(10L << 20, 1L << 30);
  }

  @Test
  void aSourceWithCellsButNoNbgraderMetadataRunsButIsRefusedForItsZeroPoints() throws IOException {
    Path module = module("01_plain", "# %%\nx = 1\n\n# %%\nprint(x)\n");

    TitoRun run = TitoRun.of("module", "validate", "--execute", module.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).containsPattern("01_plain +plain +0 +0 +0 ").contains("0 points");
  }

  @Test
  void aSourceThatIsPlainPythonIsOneErrorAndNothingRuns() throws IOException {
    Path module = module("01_script", "x = 1\nprint(x)\n");
    String course = dir.resolve("course").toString();

    TitoRun validate = TitoRun.of("module", "validate", "--execute", module.toString());
    TitoRun benchmark = TitoRun.of("module", "benchmark", "--all", "--course", course);

    assertThat(validate.exitCode()).isEqualTo(1);
    assertThat(validate.out())
        .contains("plain Python, no '# %%' cell markers")
        .contains("note: 01_script: --execute ran nothing")
        .doesNotContain("PASS ON SOLUTION");
    assertThat(benchmark.exitCode()).isEqualTo(1);
    assertThat(benchmark.err())
        .isEqualTo(
            "tito: 01_script: not benchmarked: "
                + module.resolve("script.py")
                + ": error: plain Python, no '# %%' cell markers: the module's source must be a jupytext percent notebook\n");
    assertThat(dir.resolve("course/release")).doesNotExist();
  }
}
