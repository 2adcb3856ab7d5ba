package dev.tito.notebook.autograde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionOutcome;
import dev.tito.notebook.execute.FailureClass;
import dev.tito.notebook.execute.NotebookExecutor;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.testing.TestNotebooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course layout around grading: which files a run gets, and what grading writes. */
class CourseGradingTest {
  @TempDir Path course;

  private final List<Path> dataSeen = new ArrayList<>();
  private final NotebookExecutor listing =
      (name, notebook, dataDirs, limits, purpose) -> {
        for (Path dir : dataDirs) {
          try (var files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> dataSeen.add(dir.relativize(f)));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
        return new ExecutionOutcome(notebook, FailureClass.OK, "", Duration.ZERO);
      };

  private void release(String module) throws Exception {
    ReleaseGradebook gradebook =
        new ReleaseGradebook(
            null,
            new TreeMap<>(
                Map.of(
                    module,
                    new NotebookRows(
                        new TreeMap<>(), "{}", List.of(), new TreeMap<>(), new TreeMap<>()))));
    Files.createDirectories(course.resolve(".tito"));
    Files.write(
        course.resolve(".tito/" + module + ".json"),
        new ObjectMapper().writeValueAsBytes(Map.of(module, gradebook)));
    Path submitted = Files.createDirectories(course.resolve("submitted/ada/" + module));
    Files.write(
        submitted.resolve(module + ".ipynb"), NotebookWriter.toBytes(TestNotebooks.notebook()));
  }

  @Test
  void tinyTorchSourcesWithSolutionsNeverReachTheRunButDataFilesDo() throws Exception {
    Path source = Files.createDirectories(course.resolve("src/01_tensor"));
    Files.writeString(source.resolve("01_tensor.py"), "# %%\ndef solution(): return 42\n");
    Files.writeString(source.resolve("weights.csv"), "1,2\n");
    release("01_tensor");
    CourseGrading grading = new CourseGrading(course, "01_tensor");
    GradingResult result =
        grading
            .grade(
                "ada",
                new SubmissionGrader(
                    new NotebookAutograder(listing, ExecutionLimits.defaults()), LatePolicy.NONE),
                true)
            .result();
    assertThat(dataSeen)
        .extracting(Path::toString)
        .contains("weights.csv")
        .doesNotContain("01_tensor.py");
    assertThat(result.notebooks()).hasSize(1);
    assertThat(course.resolve("autograded/ada/01_tensor/01_tensor.ipynb")).exists();
    assertThat(course.resolve("autograded/ada/01_tensor/weights.csv")).exists();
    assertThat(course.resolve(".tito/grades/01_tensor/ada.json")).exists();
  }

  @Test
  void aModuleThatWasNeverReleasedIsNamed() {
    assertThatThrownBy(() -> new CourseGrading(course, "m9"))
        .hasMessageEndingWith(
            "m9.json: no release of module 'm9' (run 'tito module release m9' first)");
  }
}
