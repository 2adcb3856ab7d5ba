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
  private static GradingResult result(String student, double score, double penalty, String timestamp) {
    List<TestResult> tests = List.of(
        new TestResult("visible", TestKind.AUTOGRADED_TEST, "code", score, score, 2.0, TestStatus.PARTIAL, false, false,
            "partial credit"),
        new TestResult("secret", TestKind.AUTOGRADED_TEST, "code", 0, 0.0, 1.0, TestStatus.FAILED, false, true,
            "AssertionError"));
    NotebookGrade notebook = new NotebookGrade("p1", true, "ok", "", score, 3.0, penalty, false, tests, Map.of(),
        List.of(), new Timings(0, 1500, 0));
    return GradingResult.of("m1", student, timestamp, penalty > 0 ? 60 : 0, List.of(notebook));
  }

  private static final List<ModuleGrades> GRADES = List.of(
      new ModuleGrades("m2", "2015-03-01 00:00:00 UTC", List.of(result("ada", 1.5, 0, null))),
      new ModuleGrades("m1", "2015-02-02 14:58:23.948203 America/Los_Angeles",
          List.of(result("ada", 2.0, 2.0, "2015-02-02 23:58:23.948203"), result("bob, jr", 1.0, 0, null))));

  @Test
  void nbgraderCsvHasNbgradersHeaderOrderAndFormatting() {
    assertThat(NbgraderCsv.render(GRADES)).isEqualTo(NbgraderCsv.HEADER + "\n"
        + "m1,2015-02-02 22:58:23.948203,2015-02-02 23:58:23.948203,ada,,,,2.0,2.0,0.0,3.0\n"
        + "m1,2015-02-02 22:58:23.948203,,bob, jr,,,,1.0,0.0,1.0,3.0\n"
        + "m2,2015-03-01 00:00:00,,ada,,,,1.5,0.0,1.5,3.0\n"
        + "m2,2015-03-01 00:00:00,,bob, jr,,,,0.0,0.0,0.0,3.0\n");
  }

  @Test
  void canvasAndMoodleImportsQuoteAndLeaveUngradedEmpty() {
    assertThat(CanvasCsv.render(GRADES)).isEqualTo("Student,ID,SIS User ID,SIS Login ID,Section,m2,m1\n"
        + "Points Possible,,,,,3.0,3.0\n"
        + "ada,,,ada,,1.5,0.0\n"
        + "\"bob, jr\",,,\"bob, jr\",,,1.0\n");
    assertThat(MoodleCsv.render(GRADES)).isEqualTo("Username,m2,m1\nada,1.5,0.0\n\"bob, jr\",,1.0\n");
  }

  @Test
  void studentsOnTheRosterWithoutAResultAreExportedAsMissing() {
    List<ModuleGrades> grades = List.of(new ModuleGrades("m1", null, List.of(result("ada", 2.0, 0, null)), List.of("ada", "cy")));

    assertThat(NbgraderCsv.render(grades)).isEqualTo(NbgraderCsv.HEADER + "\n"
        + "m1,,,ada,,,,2.0,0.0,2.0,3.0\n"
        + "m1,,,cy,,,,0.0,0.0,0.0,3.0\n");
    assertThat(MoodleCsv.render(grades)).isEqualTo("Username,m1\nada,2.0\ncy,\n");
  }

  @Test
  void gradescopeResultsKeepHiddenTestsHiddenUntilPublished() throws Exception {
    JsonNode results = new ObjectMapper().readTree(GradescopeResults.render(result("ada", 2.0, 0, null)));
    assertThat(results.path("score").asDouble()).isEqualTo(2.0);
    assertThat(results.path("execution_time").asDouble()).isEqualTo(1.5);
    assertThat(results.path("tests")).hasSize(2);
    JsonNode secret = results.path("tests").get(1);
    assertThat(secret.path("name").asText()).isEqualTo("p1: secret");
    assertThat(secret.path("visibility").asText()).isEqualTo("after_published");
    assertThat(secret.path("status").asText()).isEqualTo("failed");
    assertThat(results.path("tests").get(0).path("max_score").asDouble()).isEqualTo(2.0);
  }
}
