package dev.tito.notebook.release;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.markdown;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static dev.tito.notebook.testing.TestNotebooks.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.Cell;
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
    Notebook source =
        NotebookReader.read(CORPUS.resolve("repo/nbgrader/tests/apps/files/test.ipynb"));

    ReleasedNotebook released = StudentRelease.release(source, ReleaseOptions.defaults());

    assertThat(NotebookWriter.toJson(released.student()))
        .isEqualTo(
            Files.readString(CORPUS.resolve("derived/generate/gen-test/release/ps1/test.ipynb")));
    assertThat(released.gradebookRows().solutionCells()).isNotEmpty();
  }

  @Test
  void leavesTheSourceNotebookUntouched() {
    Notebook source =
        NotebookReader.read(CORPUS.resolve("repo/nbgrader/tests/apps/files/test.ipynb"));
    String before = NotebookWriter.toJson(source);

    StudentRelease.release(source, ReleaseOptions.defaults());

    assertThat(NotebookWriter.toJson(source)).isEqualTo(before);
  }

  @Test
  void namesTheStepCellAndWrapperOfAMetadataError() {
    Notebook source =
        NotebookReader.read(CORPUS.resolve("derived/inputs/inv-missing-points.ipynb"));

    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () -> StudentRelease.release(source, ReleaseOptions.defaults()));

    assertThat(error.step()).isEqualTo("CheckCellMetadata");
    assertThat(error.getMessage()).isEqualTo("nbgrader cell 'g' does not have points");
    assertThat(error.wrappedMessage())
        .isEqualTo("Notebook failed to validate; the nbgrader metadata may be corrupted.");
    assertThat(error.gradeId()).isEqualTo("g");
    assertThat(error.cellIndex()).isNotNull();
  }

  @Test
  void gradebookKeepsHiddenTestsThatTheStudentNeverSees() {
    Notebook source =
        notebook(
            solution(code("### BEGIN SOLUTION\nx = 1\n### END SOLUTION"), "answer"),
            tests(
                code("assert x == 1\n### BEGIN HIDDEN TESTS\nassert x != 2\n### END HIDDEN TESTS"),
                "check",
                2));

    ReleasedNotebook released = StudentRelease.release(source, ReleaseOptions.defaults());

    Cell student = released.student().cells().get(1);
    ReleaseGradebook.SourceCell row = released.gradebookRows().sourceCells().get("check");
    assertThat(student.source()).isEqualTo("assert x == 1");
    assertThat(row.source()).contains("assert x != 2");
    assertThat(row.checksum()).isNotEqualTo(student.nbgrader().get("checksum").asText());
    assertThat(released.gradebookRows().gradeCells().get("check").maxScore()).isEqualTo(2.0);
    assertThat(released.gradebookRows().solutionCells()).containsExactly("answer");
    assertThat(released.gradebookRows().kernelspec())
        .isEqualTo(
            "{\"display_name\": \"python\", \"language\": \"python\", \"name\": \"python\"}");
  }

  @Test
  void errorsAfterAHeaderNameTheCellOfTheSourceNotebook() {
    Notebook header = notebook(markdown("# Course header"), markdown("Rules"));
    Notebook source = notebook(code("ok"), code("### BEGIN SOLUTION\nx\n### END SOLUTION"));

    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () -> StudentRelease.release(source, ReleaseOptions.builder().header(header).build()));

    assertThat(error.step()).isEqualTo("ClearSolutions");
    assertThat(error.cellIndex()).isEqualTo(1);
    assertThat(error.part()).isNull();
  }

  @Test
  void errorsInAFooterCellSayTheyAreThere() {
    Notebook footer = notebook(markdown("fine"), code("### BEGIN SOLUTION\nx\n### END SOLUTION"));

    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () ->
                StudentRelease.release(
                    notebook(code("a"), code("b")),
                    ReleaseOptions.builder().footer(footer).build()));

    assertThat(error.part()).isEqualTo("footer");
    assertThat(error.cellIndex()).isEqualTo(1);
  }

  @Test
  void headerAndFooterCellsSurroundTheNotebook() {
    Notebook header = notebook(markdown("head"));
    Notebook footer = notebook(markdown("foot"));

    ReleasedNotebook released =
        StudentRelease.release(
            notebook(code("body")), ReleaseOptions.builder().header(header).footer(footer).build());

    assertThat(released.student().cells())
        .extracting(Cell::source)
        .containsExactly("head", "body", "foot");
  }

  @Test
  void anInvalidHeaderFailsTheRelease() {
    Notebook header = notebook(with(markdown("head"), "{\"grade\": true}"));

    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () ->
                StudentRelease.release(
                    notebook(code("body")), ReleaseOptions.builder().header(header).build()));

    assertThat(error.step()).isEqualTo("IncludeHeaderFooter");
    assertThat(error.getMessage()).isEqualTo("Outdated schema version: 0 (expected 3)");
    assertThat(error.isSchemaVersionError()).isTrue();
  }

  @Test
  void schemaVersionErrorsAreNotWrapped() {
    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () ->
                StudentRelease.release(
                    notebook(with(code("x"), "{\"schema_version\": 9}")),
                    ReleaseOptions.defaults()));

    assertThat(error.step()).isEqualTo("CheckCellMetadata");
    assertThat(error.wrappedMessage()).isNull();
    assertThat(error.isSchemaVersionError()).isTrue();
  }

  @Test
  void withoutMetadataEnforcementNothingIsCheckedOrChecksummed() {
    Notebook source =
        notebook(
            code("### BEGIN SOLUTION\nx\n### END SOLUTION"),
            with(
                code("y"),
                "{\"schema_version\": 3, \"grade\": false, \"solution\": true, \"locked\": false, "
                    + "\"grade_id\": \"s\", \"foo\": 1}"));

    ReleasedNotebook released =
        StudentRelease.release(source, ReleaseOptions.builder().enforceMetadata(false).build());

    assertThat(released.student().cells().get(0).source()).startsWith("# YOUR CODE HERE");
    assertThat(released.student().cells().get(1).nbgrader().has("checksum")).isFalse();
  }

  @Test
  void autotestLinesAreRefusedInsteadOfReleasedUnexpanded() {
    Notebook source =
        NotebookReader.read(CORPUS.resolve("repo/nbgrader/tests/apps/files/autotest-simple.ipynb"));

    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () -> StudentRelease.release(source, ReleaseOptions.defaults()));

    assertThat(error.step()).isEqualTo("InstantiateTests");
    assertThat(error.line()).isNotNull();
    assertThat(source.cells().get(error.cellIndex()).source().split("\n", -1)[error.line() - 1])
        .contains("AUTOTEST");
  }

  @Test
  void aTaskCellWithoutPointsCannotBeSaved() {
    Notebook source =
        notebook(
            with(
                markdown("Discuss"),
                "{\"schema_version\": 3, \"grade\": false, "
                    + "\"solution\": false, \"locked\": true, \"task\": true, \"grade_id\": \"essay\"}"));

    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () -> StudentRelease.release(source, ReleaseOptions.defaults()));

    assertThat(error.step()).isEqualTo("SaveCells");
    assertThat(error.getMessage()).isEqualTo("nbgrader cell 'essay' does not have points");
  }
}
