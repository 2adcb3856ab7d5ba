package dev.tito.console.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import dev.tito.notebook.export.ModuleGrades;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SvgTest {
  @Test
  void barsAreAsTallAsTheirCountsAndTheirLabelsAreText() {
    String svg =
        Svg.bars(
            "scores <x>", List.of(new Svg.Bar("<b>", 4, "bar"), new Svg.Bar("two", 2, "bar full")));

    assertThat(svg)
        .startsWith("<svg class=\"chart\"")
        .endsWith("</svg>")
        .contains(
            "<title>scores &lt;x&gt;</title>",
            ">&lt;b&gt;</text>",
            "height=\"84\"",
            "height=\"42\"",
            "class=\"bar full\"")
        .doesNotContain("<b>");
  }

  @Test
  void aLineOfTheQueueSaysItsHighestValueAndItsSpan() {
    String svg =
        Svg.line(
            "queue",
            List.of(new Svg.Point(0, 0), new Svg.Point(30, 3), new Svg.Point(300, 1)),
            "waiting");

    assertThat(svg)
        .contains(
            "<polyline class=\"series\" points=\"18,102 52.2,18 360,74\"/>",
            ">at most 3 waiting<",
            ">last 5 min<");
  }

  @Test
  void aModulesScoresFallInTenBandsAndEachCellCountsFullSomeNoneAndWaiting() {
    ModuleGrades module =
        new ModuleGrades(
            "m",
            null,
            List.of(result("ada", 5, 5.0), result("ben", 0.5, 0.0), result("cy", 5, null)));

    assertThat(Distributions.totals(module))
        .extracting(Svg.Bar::count)
        .containsExactly(1, 0, 0, 0, 0, 1, 0, 0, 0, 1);
    assertThat(Distributions.cells(module))
        .extracting(
            c ->
                c.gradeId()
                    + " "
                    + c.full()
                    + "/"
                    + c.partial()
                    + "/"
                    + c.zero()
                    + "/"
                    + c.waiting())
        .containsExactly("t 2/1/0/0", "w 1/0/1/1");
  }

  /** A 10-point module: test t (5 points), a written answer w (5 points; null: waiting for a person). */
  private static GradingResult result(String student, double t, Double w) {
    TestResult test =
        new TestResult(
            "t", TestKind.AUTOGRADED_TEST, "code", t, t, 5, TestStatus.PASSED, false, false, "");
    TestResult answer =
        new TestResult(
            "w",
            TestKind.MANUAL_ANSWER,
            "markdown",
            w == null ? 0 : w,
            w,
            5,
            w == null ? TestStatus.NEEDS_MANUAL_GRADE : TestStatus.PASSED,
            w == null,
            false,
            "");
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
                test.score() + answer.score(),
                10,
                0,
                w == null,
                List.of(test, answer),
                Map.of(),
                List.of(),
                new Timings(0, 0, 0))));
  }
}
