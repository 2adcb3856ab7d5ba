package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tito module validate --student} on nbgrader's own student notebooks (cases that need no kernel). */
class StudentValidateCommandTest {
  private static final Path FILES =
      Path.of(
          "../notebook/src/test/resources/conformance/nbgrader/repo/nbgrader/tests/"
              + "preprocessors/files");

  @TempDir Path dir;

  @Test
  void reportsAChangedAnswerCellTypeWithNbgradersTextAndFails() throws Exception {
    Path notebook = dir.resolve("submitted-answer-cell-type-changed.ipynb");
    Files.copy(FILES.resolve("submitted-answer-cell-type-changed.ipynb"), notebook);
    TitoRun run = TitoRun.of("module", "validate", "--student", notebook.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("THE TYPES OF 1 CELL(S) HAVE CHANGED!")
        .contains("The following markdown cell has changed to a code cell:");
  }

  @Test
  void reportsChangedTestCellsWithoutRunningThem() throws Exception {
    Path notebook = dir.resolve("submitted-locked-cell-changed.ipynb");
    Files.copy(FILES.resolve("submitted-locked-cell-changed.ipynb"), notebook);
    TitoRun run = TitoRun.of("module", "validate", "--student", notebook.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith("THE CONTENTS OF 2 TEST CELL(S) HAVE CHANGED!");
  }

  @Test
  void invalidMetadataIsAnInputErrorWithNbgradersMessage() throws Exception {
    Path notebook = dir.resolve("bad-markdown-cell-1.ipynb");
    Files.copy(FILES.resolve("bad-markdown-cell-1.ipynb"), notebook);
    TitoRun run = TitoRun.of("module", "validate", "--student", notebook.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("nbgrader encountered a fatal error while trying to validate")
        .doesNotContain("Exception");
  }
}
