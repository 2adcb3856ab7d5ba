package dev.tito.notebook.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportsTest {
  private static GradingResult result(
      String student, double score, double penalty, String timestamp) {
    List<TestResult> tests =
        List.of(
            new TestResult(
                "visible",
                TestKind.AUTOGRADED_TEST,
                "code",
                score,
                score,
                2.0,
                TestStatus.PARTIAL,
                false,
                false,
                "partial credit"),
            new TestResult(
                "secret",
                TestKind.AUTOGRADED_TEST,
                "code",
                0,
                0.0,
                1.0,
                TestStatus.FAILED,
                false,
                true,
                "AssertionError"));
    NotebookGrade notebook =
        new NotebookGrade(
            "p1",
            true,
            "ok",
            "",
            score,
            3.0,
            penalty,
            false,
            tests,
            Map.of(),
            List.of(),
            new Timings(0, 1500, 0));
    return GradingResult.of("m1", student, timestamp, penalty > 0 ? 60 : 0, List.of(notebook));
  }

  private static final List<ModuleGrades> GRADES =
      List.of(
          new ModuleGrades("m2", "2015-03-01 00:00:00 UTC", List.of(result("ada", 1.5, 0, null))),
          new ModuleGrades(
              "m1",
              "2015-02-02 14:58:23.948203 America/Los_Angeles",
              List.of(
                  result("ada", 2.0, 2.0, "2015-02-02 23:58:23.948203"),
                  result("bob, jr", 1.0, 0, null))));

  @Test
  void nbgraderCsvHasNbgradersHeaderOrderAndFormatting() {
    assertThat(NbgraderCsv.render(GRADES))
        .isEqualTo(
            NbgraderCsv.HEADER
                + "\n"
                + "m1,2015-02-02 22:58:23.948203,2015-02-02 23:58:23.948203,ada,,,,2.0,2.0,0.0,3.0\n"
                + "m1,2015-02-02 22:58:23.948203,,bob, jr,,,,1.0,0.0,1.0,3.0\n"
                + "m2,2015-03-01 00:00:00,,ada,,,,1.5,0.0,1.5,3.0\n"
                + "m2,2015-03-01 00:00:00,,bob, jr,,,,0.0,0.0,0.0,3.0\n");
  }

  @Test
  void canvasAndMoodleImportsQuoteAndLeaveUngradedEmpty() {
    assertThat(CanvasCsv.render(GRADES))
        .isEqualTo(
            "Student,ID,SIS User ID,SIS Login ID,Section,m2,m1\n"
                + "Points Possible,,,,,3.0,3.0\n"
                + "ada,,,ada,,1.5,0.0\n"
                + "\"bob, jr\",,,\"bob, jr\",,,1.0\n");
    assertThat(MoodleCsv.render(GRADES))
        .isEqualTo(
            "Username,m2,m2 feedback,m1,m1 feedback\nada,1.5,,0.0,\n" + "\"bob, jr\",,,1.0,\n");
  }

  @Test
  void studentsOnTheRosterWithoutAResultAreExportedAsMissing() {
    List<ModuleGrades> grades =
        List.of(
            new ModuleGrades(
                "m1", null, List.of(result("ada", 2.0, 0, null)), List.of("ada", "cy")));

    assertThat(NbgraderCsv.render(grades))
        .isEqualTo(
            NbgraderCsv.HEADER
                + "\n"
                + "m1,,,ada,,,,2.0,0.0,2.0,3.0\n"
                + "m1,,,cy,,,,0.0,0.0,0.0,3.0\n");
    assertThat(MoodleCsv.render(grades)).isEqualTo("Username,m1,m1 feedback\nada,2.0,\ncy,,\n");
  }

  @Test
  void gradescopeResultsKeepHiddenTestsHiddenUntilPublished() throws Exception {
    JsonNode results =
        new ObjectMapper().readTree(GradescopeResults.render(result("ada", 2.0, 0, null)));
    assertThat(results.path("score").asDouble()).isEqualTo(2.0);
    assertThat(results.path("execution_time").asDouble()).isEqualTo(1.5);
    assertThat(results.path("tests")).hasSize(2);
    JsonNode secret = results.path("tests").get(1);
    assertThat(secret.path("name").asText()).isEqualTo("p1: secret");
    assertThat(secret.path("visibility").asText()).isEqualTo("after_published");
    assertThat(secret.path("status").asText()).isEqualTo("failed");
    assertThat(results.path("tests").get(0).path("max_score").asDouble()).isEqualTo(2.0);
  }

  /** ada's written answer (2 points) waits for a person; the test scored 1.0 of 1.0. */
  private static GradingResult pending(String student, Double essay) {
    TestResult written =
        new TestResult(
            "essay",
            TestKind.MANUAL_ANSWER,
            "markdown",
            0,
            null,
            2.0,
            TestStatus.NEEDS_MANUAL_GRADE,
            true,
            false,
            "needs manual grading");
    List<TestResult> tests =
        List.of(
            new TestResult(
                "test-f",
                TestKind.AUTOGRADED_TEST,
                "code",
                1.0,
                1.0,
                1.0,
                TestStatus.PASSED,
                false,
                false,
                ""),
            essay == null ? written : written.graded(essay, null, "Good, but short."));
    double score = tests.stream().mapToDouble(TestResult::score).sum();
    return GradingResult.of(
        "m1",
        student,
        null,
        0,
        List.of(
            new NotebookGrade(
                "p1",
                true,
                "ok",
                "",
                score,
                3.0,
                0,
                essay == null,
                tests,
                Map.of(),
                List.of(),
                new Timings(0, 0, 0))));
  }

  private static final List<ModuleGrades> PENDING =
      List.of(new ModuleGrades("m1", null, List.of(pending("ada", null), pending("ben", 1.5))));

  @Test
  void nbgradersCsvKeepsItsColumnsAndCountsWhatWaitsForAPersonAsZero() {
    assertThat(NbgraderCsv.render(PENDING))
        .isEqualTo(
            NbgraderCsv.HEADER
                + "\n"
                + "m1,,,ada,,,,1.0,0.0,1.0,3.0\n"
                + "m1,,,ben,,,,2.5,0.0,2.5,3.0\n");
  }

  @Test
  void canvasGetsNoScoreThatStillWaitsForAPerson() {
    assertThat(CanvasCsv.render(PENDING))
        .isEqualTo(
            "Student,ID,SIS User ID,SIS Login ID,Section,m1\n"
                + "Points Possible,,,,,3.0\n"
                + "ada,,,ada,,\n"
                + "ben,,,ben,,2.5\n");
  }

  @Test
  void moodleGetsTheTotalSoFarAndFeedbackSayingWhatIsPending() {
    assertThat(MoodleCsv.render(PENDING))
        .isEqualTo(
            "Username,m1,m1 feedback\n"
                + "ada,1.0,2.0 of 3.0 points wait for manual grading\n"
                + "ben,2.5,\n");
  }

  @Test
  void gradescopeSaysWhatIsPendingAndShowsAPersonsGradeAndComment() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode ada = json.readTree(GradescopeResults.render(pending("ada", null)));
    JsonNode ben = json.readTree(GradescopeResults.render(pending("ben", 1.5)));

    assertThat(ada.path("output").asText())
        .isEqualTo("Not final: 2.0 of 3.0 points wait for manual grading.");
    assertThat(ada.path("tests").get(1).has("status")).isFalse();
    assertThat(ada.path("tests").get(1).path("output").asText())
        .isEqualTo("waits for manual grading");
    assertThat(ben.has("output")).isFalse();
    assertThat(ben.path("tests").get(1).path("score").asDouble()).isEqualTo(1.5);
    assertThat(ben.path("tests").get(1).path("status").asText()).isEqualTo("failed");
    assertThat(ben.path("tests").get(1).path("output").asText())
        .isEqualTo("Graded by your instructor: Good, but short.");
  }
}
