package dev.tito.notebook.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StudentReleaseTest {
  static final Path CORPUS = Path.of("src/test/resources/conformance/nbgrader");

  @Test
  void releasesNbgradersTestNotebookByteForByte() throws IOException {
    Notebook source = NotebookReader.read(CORPUS.resolve("repo/nbgrader/tests/apps/files/test.ipynb"));

    ReleasedNotebook released = StudentRelease.release(source, ReleaseOptions.defaults());

    assertThat(NotebookWriter.toJson(released.student()))
        .isEqualTo(Files.readString(CORPUS.resolve("derived/generate/gen-test/release/ps1/test.ipynb")));
    assertThat(released.gradebookRows().solutionCells()).isNotEmpty();
  }

  @Test
  void leavesTheSourceNotebookUntouched() {
    Notebook source = NotebookReader.read(CORPUS.resolve("repo/nbgrader/tests/apps/files/test.ipynb"));
    String before = NotebookWriter.toJson(source);

    StudentRelease.release(source, ReleaseOptions.defaults());

    assertThat(NotebookWriter.toJson(source)).isEqualTo(before);
  }

  @Test
  void namesTheStepCellAndWrapperOfAMetadataError() {
    Notebook source = NotebookReader.read(CORPUS.resolve("derived/inputs/inv-missing-points.ipynb"));

    ReleaseException error = catchThrowableOfType(ReleaseException.class,
        () -> StudentRelease.release(source, ReleaseOptions.defaults()));

    assertThat(error.step()).isEqualTo("CheckCellMetadata");
    assertThat(error.getMessage()).isEqualTo("nbgrader cell 'g' does not have points");
    assertThat(error.wrappedMessage()).isEqualTo("Notebook failed to validate; the nbgrader metadata may be corrupted.");
    assertThat(error.gradeId()).isEqualTo("g");
    assertThat(error.cellIndex()).isNotNull();
  }
}
