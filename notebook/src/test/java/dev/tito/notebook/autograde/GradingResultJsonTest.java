package dev.tito.notebook.autograde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.gradebook.ReleaseGradebook.GradeCell;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.gradebook.ReleaseGradebook.SourceCell;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GradingResultJsonTest {
  private static final ReleaseGradebook RELEASE =
      new ReleaseGradebook(
          null,
          new TreeMap<>(
              Map.of(
                  "p1",
                  new NotebookRows(
                      new TreeMap<>(
                          Map.of(
                              "t1", new GradeCell("code", 1.0), "t2", new GradeCell("code", 2.0))),
                      "{}",
                      List.of("answer"),
                      new TreeMap<>(
                          Map.of("t1", new SourceCell("code", "c1", true, "assert True"))),
                      new TreeMap<>()))));

  private static GradingResult result(double t1, double t2) {
    List<TestResult> tests =
        List.of(
            new TestResult(
                "t1",
                TestKind.AUTOGRADED_TEST,
                "code",
                t1,
                t1,
                1.0,
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
                2.0,
                TestStatus.PASSED,
                false,
                true,
                ""));
    NotebookGrade notebook =
        new NotebookGrade(
            "p1",
            true,
            "ok",
            "",
            t1 + t2,
            3.0,
            0,
            false,
            tests,
            Map.of("answer", "No response."),
            List.of(),
            new Timings(1, 2, 3));
    return GradingResult.of("m1", "ada", null, 0, List.of(notebook));
  }

  private static String json(GradingResult result) {
    return new String(GradingResultJson.toBytes(result), StandardCharsets.UTF_8);
  }

  @Test
  void roundTripsThroughItsOwnJson() {
    GradingResult result = result(1.0, 2.0);
    assertThat(GradingResultJson.read(GradingResultJson.toBytes(result), "ada.json"))
        .isEqualTo(result);
    assertThat(json(result)).contains("\"status\" : \"passed\"", "\"kind\" : \"autograded_test\"");
  }

  @Test
  void untrustedScoresAreClampedAndTotalsRecomputed() {
    String forged =
        json(result(1.0, 2.0))
            .replace("\"auto_score\" : 2.0", "\"auto_score\" : 200.0")
            .replace("\"raw_score\" : 3.0", "\"raw_score\" : 1000.0");
    GradingResult trusted =
        GradingResultJson.readUntrusted(
            forged.getBytes(StandardCharsets.UTF_8), "job", "m1", "ada", RELEASE);
    assertThat(trusted.notebooks().get(0).tests().get(1).score()).isEqualTo(2.0);
    assertThat(trusted.score()).isEqualTo(3.0);
    assertThat(trusted.maxScore()).isEqualTo(3.0);
  }

  @Test
  void untrustedResultsMentioningUnknownCellsOrStudentsAreRejected() {
    byte[] unknownCell =
        json(result(1, 2)).replace("\"t2\"", "\"bonus\"").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> GradingResultJson.readUntrusted(unknownCell, "job", "m1", "ada", RELEASE))
        .isInstanceOf(InvalidGradingResultException.class)
        .hasMessage("job: p1: unknown grade_id 'bonus'");
    byte[] ours = GradingResultJson.toBytes(result(1, 2));
    assertThatThrownBy(() -> GradingResultJson.readUntrusted(ours, "job", "m1", "bob", RELEASE))
        .hasMessage("job: result is for m1/ada, expected m1/bob");
  }

  @Test
  void untrustedResultsThatLeaveOutATestCountItAsMissing() {
    String withoutT2 =
        json(result(1, 2)).replaceAll("(?s), \\{\\s*\"grade_id\" : \"t2\".*?\\}(?=\\s*\\])", "");
    GradingResult trusted =
        GradingResultJson.readUntrusted(
            withoutT2.getBytes(StandardCharsets.UTF_8), "job", "m1", "ada", RELEASE);
    assertThat(trusted.notebooks().get(0).tests())
        .extracting(TestResult::gradeId, TestResult::status)
        .contains(org.assertj.core.groups.Tuple.tuple("t2", TestStatus.MISSING));
    assertThat(trusted.score()).isEqualTo(1.0);
  }

  @Test
  void rejectsOversizedMalformedAndForeignDocuments() {
    assertThatThrownBy(
            () -> GradingResultJson.read(new byte[GradingResultJson.MAX_BYTES + 1], "big.json"))
        .hasMessageStartingWith("big.json: result is 1048577 bytes");
    assertThatThrownBy(
            () ->
                GradingResultJson.read(
                    "{\"schema_version\": 2}".getBytes(StandardCharsets.UTF_8), "v.json"))
        .hasMessage("v.json: unsupported schema_version 2 (expected 1)");
    String extra = json(result(1, 2)).replaceFirst("\\{", "{ \"admin\": true,");
    assertThatThrownBy(
            () -> GradingResultJson.read(extra.getBytes(StandardCharsets.UTF_8), "x.json"))
        .isInstanceOf(InvalidGradingResultException.class)
        .hasMessageContaining("admin");
    String twice = json(result(1, 2)) + json(result(1, 2));
    assertThatThrownBy(
            () -> GradingResultJson.read(twice.getBytes(StandardCharsets.UTF_8), "t.json"))
        .isInstanceOf(InvalidGradingResultException.class);
  }

  @Test
  void aPersonsGradesRoundTripAndResultsWrittenBeforeManualGradingReadWithoutThem() {
    GradingResult auto = result(1.0, 2.0);
    NotebookGrade notebook = auto.notebooks().get(0);
    TestResult overridden = notebook.tests().get(1).graded(1.0, 0.5, "close enough");
    GradingResult graded =
        GradingResult.of(
            "m1",
            "ada",
            null,
            0,
            List.of(
                new NotebookGrade(
                    "p1",
                    true,
                    "ok",
                    "",
                    2.5,
                    3.0,
                    0,
                    false,
                    List.of(notebook.tests().get(0), overridden),
                    notebook.comments(),
                    List.of(),
                    notebook.timings())));

    assertThat(GradingResultJson.read(GradingResultJson.toBytes(graded), "ada.json"))
        .isEqualTo(graded);
    assertThat(json(graded))
        .contains(
            "\"manual_score\" : 1.0", "\"extra_credit\" : 0.5", "\"comment\" : \"close enough\"");
    assertThat(json(auto)).doesNotContain("manual_score", "extra_credit", "\"comment\"");
    assertThat(
            GradingResultJson.read(GradingResultJson.toBytes(auto), "ada.json")
                .notebooks()
                .get(0)
                .tests())
        .extracting(TestResult::manualScore)
        .containsOnlyNulls();
  }

  @Test
  void aGradingJobCannotReportAManualGrade() {
    String forged =
        json(result(1.0, 2.0))
            .replace("\"message\" : \"\"", "\"message\" : \"\", \"manual_score\" : 2.0");

    assertThatThrownBy(
            () ->
                GradingResultJson.readUntrusted(
                    forged.getBytes(StandardCharsets.UTF_8), "job", "m1", "ada", RELEASE))
        .isInstanceOf(InvalidGradingResultException.class)
        .hasMessage(
            "job: p1: grade_id 't1' carries a manual grade: only a person grades by hand, never a grading Job");
  }
}
