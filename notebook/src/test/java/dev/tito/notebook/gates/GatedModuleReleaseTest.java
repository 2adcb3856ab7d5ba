package dev.tito.notebook.gates;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.markdown;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static dev.tito.notebook.testing.TestNotebooks.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.release.ModuleRelease;
import dev.tito.notebook.release.ModuleReleaseResult;
import dev.tito.notebook.release.ModuleReleaseResult.NotebookError;
import dev.tito.notebook.release.ReleaseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A module released through the quality gates: one release per notebook, refused on any gate error. */
class GatedModuleReleaseTest {
  @TempDir Path course;

  private static Notebook good() {
    return notebook(
        solution(code("### BEGIN SOLUTION\nx = 1\n### END SOLUTION"), "answer"),
        tests(code("assert x == 1"), "check", 1));
  }

  private ModuleReleaseResult release(String dir, Notebook notebook, boolean gated)
      throws IOException {
    Path source = Files.createDirectories(course.resolve("source").resolve(dir));
    NotebookWriter.write(notebook, source.resolve("tensor.ipynb"));
    ModuleRelease release = new ModuleRelease();
    Path target = course.resolve("release").resolve(dir);
    Path gradebook = course.resolve(".tito").resolve(dir + ".json");
    return gated
        ? release.release(source, target, gradebook, "m", new QualityGates().releaser())
        : release.release(source, target, gradebook, "m", ReleaseOptions.defaults());
  }

  @Test
  void writesTheSameFilesAsAReleaseWithoutGates() throws IOException {
    ModuleReleaseResult gated = release("gated", good(), true);
    ModuleReleaseResult plain = release("plain", good(), false);

    assertThat(gated.ok()).isTrue();
    assertThat(Files.readAllBytes(course.resolve("release/gated/tensor.ipynb")))
        .isEqualTo(Files.readAllBytes(course.resolve("release/plain/tensor.ipynb")));
    assertThat(Files.readString(course.resolve(".tito/gated.json")))
        .isEqualTo(Files.readString(course.resolve(".tito/plain.json")));
  }

  @Test
  void refusesANotebookNbgraderWouldReleaseButAGateRejects() throws IOException {
    Notebook unlockedTask =
        notebook(
            with(
                markdown("Discuss"),
                "{\"schema_version\": 3, \"grade\": false, "
                    + "\"solution\": false, \"locked\": false, \"task\": true, \"grade_id\": \"essay\", \"points\": 3}"));

    ModuleReleaseResult result = release("m01", unlockedTask, true);

    assertThat(result.ok()).isFalse();
    assertThat(result.errors())
        .extracting(NotebookError::step, NotebookError::cellIndex, NotebookError::gradeId)
        .containsExactly(tuple("gates", 0, "essay"));
    assertThat(course.resolve("release/m01")).doesNotExist();
  }
}
