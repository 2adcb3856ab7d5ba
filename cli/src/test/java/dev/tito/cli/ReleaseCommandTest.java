package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCommandTest {
  @TempDir Path dir;

  @Test
  void releasesEveryModuleOfTheSampleCourse() throws IOException {
    Path course = TitoRun.sampleCourseIn(dir);

    TitoRun run =
        TitoRun.of("module", "release", "--all", "--student", "--course", course.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(course.resolve("release/01_tensor/01_tensor.ipynb")).exists();
    assertThat(course.resolve("release/02_activations/02_activations.ipynb")).exists();
    String student =
        Files.readString(course.resolve("release/02_activations/02_activations.ipynb"));
    assertThat(student)
        .contains("raise NotImplementedError()")
        .doesNotContain("np.maximum")
        .doesNotContain("HIDDEN");
    JsonNode gradebook =
        new ObjectMapper().readTree(course.resolve(".tito/01_tensor.json").toFile());
    assertThat(
            gradebook
                .path("01_tensor")
                .path("notebooks")
                .path("01_tensor")
                .path("grade_cells")
                .size())
        .isEqualTo(3);
    assertThat(run.out())
        .containsPattern("01_tensor\\s+1\\s+released\\s+5.0")
        .containsPattern("02_activations\\s+1\\s+released\\s+3.0")
        .contains("2 of 2 modules released");
    assertThat(run.err())
        .contains("[1/2] 01_tensor: released")
        .contains("[2/2] 02_activations: released");
  }

  @Test
  void releasesOneModuleByName() {
    Path course = TitoRun.sampleCourseIn(dir);

    TitoRun run =
        TitoRun.of(
            "module", "release", "02_activations", "--student", "--course", course.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(course.resolve("release/02_activations/02_activations.ipynb")).exists();
    assertThat(course.resolve("release/01_tensor")).doesNotExist();
  }

  @Test
  void releaseRefusesWhatValidateCallsAnError() throws IOException {
    Path course = TitoRun.sampleCourseIn(dir);
    Path module = course.resolve("source/01_tensor/01_tensor.ipynb");
    // a task cell that is not locked: nbgrader releases it, but then fails every submission at
    // autograde
    String text =
        Files.readString(module)
            .replaceFirst(
                "\"cells\": \\[",
                "\"cells\": [{\"cell_type\": \"markdown\", "
                    + "\"metadata\": {\"nbgrader\": {\"grade\": false, \"solution\": false, \"locked\": false, \"task\": true, "
                    + "\"points\": 1, \"schema_version\": 3, \"grade_id\": \"essay\"}}, \"source\": \"Discuss.\"},");
    Files.writeString(module, text);

    TitoRun run =
        TitoRun.of("module", "release", "01_tensor", "--student", "--course", course.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            module + ": cell 0 (grade_id essay), line 1: error: task cell 'essay' is not locked")
        .doesNotContain("QualityGates");
    assertThat(course.resolve("release/01_tensor")).doesNotExist();
  }

  @Test
  void aFailingModuleDoesNotStopTheOthersAndExitsOne() throws IOException {
    Path course = TitoRun.sampleCourseIn(dir);
    Path broken = course.resolve("source/00_broken/broken.ipynb");
    Files.createDirectories(broken.getParent());
    Files.writeString(
        broken,
        "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": null, \"outputs\": [], "
            + "\"metadata\": {\"nbgrader\": {\"grade\": false, \"solution\": true, \"locked\": false, \"schema_version\": 3, "
            + "\"grade_id\": \"a\"}}, \"source\": \"### BEGIN SOLUTION\\nx = 1\"}], \"metadata\": {}, "
            + "\"nbformat\": 4, \"nbformat_minor\": 5}");

    TitoRun run =
        TitoRun.of("module", "release", "--all", "--student", "--course", course.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("00_broken\\s+1\\s+refused")
        .contains("2 of 3 modules released, 1 refused");
    assertThat(run.err())
        .contains(broken + ": cell 0 (grade_id a), line 1: error: no end solution statement found");
    assertThat(course.resolve("release/00_broken")).doesNotExist();
    assertThat(course.resolve("release/02_activations/02_activations.ipynb")).exists();
  }

  @Test
  void anUnreadableNotebookIsAnIoErrorAndKeepsThePreviousRelease() throws IOException {
    Path course = TitoRun.sampleCourseIn(dir);
    assertThat(
            TitoRun.of("module", "release", "01_tensor", "--student", "--course", course.toString())
                .exitCode())
        .isZero();
    Map<String, String> before = TitoRun.snapshot(course.resolve("release"));
    Files.writeString(course.resolve("source/01_tensor/extra.ipynb"), "{\"cells\": [");

    TitoRun run =
        TitoRun.of("module", "release", "01_tensor", "--student", "--course", course.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("extra.ipynb")
        .contains("invalid JSON")
        .doesNotContain("Exception")
        .hasLineCount(1);
    assertThat(TitoRun.snapshot(course.resolve("release"))).isEqualTo(before);
  }

  @Test
  void anOutputFolderThatIsAFileIsAnIoErrorAndIsLeftAlone() throws IOException {
    Path course = TitoRun.sampleCourseIn(dir);
    Files.writeString(course.resolve("release"), "not a folder");

    TitoRun run =
        TitoRun.of("module", "release", "--all", "--student", "--course", course.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(course.resolve("release") + ": exists and is not a folder")
        .doesNotContain("Exception");
    assertThat(Files.readString(course.resolve("release"))).isEqualTo("not a folder");
  }

  @Test
  void aModuleReleaseFolderThatIsAFileIsLeftAlone() throws IOException {
    Path course = TitoRun.sampleCourseIn(dir);
    Files.createDirectories(course.resolve("release"));
    Files.writeString(course.resolve("release/01_tensor"), "mine");

    TitoRun run =
        TitoRun.of("module", "release", "01_tensor", "--student", "--course", course.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "tito: "
                + course.resolve("release/01_tensor")
                + ": exists and is not a folder; the release is written to a folder there\n");
    assertThat(Files.readString(course.resolve("release/01_tensor"))).isEqualTo("mine");
  }

  @Test
  void usageAndCourseErrorsExitTwoWithOneLine() {
    Path course = TitoRun.sampleCourseIn(dir);

    TitoRun missingCourse =
        TitoRun.of(
            "module", "release", "--all", "--student", "--course", dir.resolve("nope").toString());
    TitoRun unknownModule =
        TitoRun.of("module", "release", "09_nope", "--student", "--course", course.toString());
    TitoRun neither = TitoRun.of("module", "release", "--student", "--course", course.toString());
    TitoRun noStudent = TitoRun.of("module", "release", "--all", "--course", course.toString());

    assertThat(missingCourse.exitCode()).isEqualTo(2);
    assertThat(missingCourse.err())
        .isEqualTo("tito: " + dir.resolve("nope") + ": no such course folder\n");
    assertThat(unknownModule.exitCode()).isEqualTo(2);
    assertThat(unknownModule.err())
        .isEqualTo(
            "tito: " + course + ": no module 09_nope (modules: 01_tensor, 02_activations)\n");
    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err())
        .isEqualTo(
            "tito: module release: Missing MODULE (or --all for every module); see: "
                + "tito module release --help\n");
    assertThat(noStudent.exitCode()).isEqualTo(2);
    assertThat(noStudent.err())
        .isEqualTo(
            "tito: module release: Missing required option: '--student'; see: "
                + "tito module release --help\n");
    assertThat(course.resolve("release")).doesNotExist();
  }
}
