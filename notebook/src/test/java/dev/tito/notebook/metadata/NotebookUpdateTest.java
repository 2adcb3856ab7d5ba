package dev.tito.notebook.metadata;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookUpdateTest {
  @TempDir Path dir;

  @Test
  void expandsFoldersRecursivelyAndSkipsOtherFiles() throws IOException {
    Files.createDirectories(dir.resolve("m01/.ipynb_checkpoints"));
    for (String name :
        new String[] {
          "m01/a.ipynb",
          "m01/sub/b.ipynb",
          "m01/.ipynb_checkpoints/a-checkpoint.ipynb",
          "m01/notes.md"
        }) {
      Files.createDirectories(dir.resolve(name).getParent());
      Files.writeString(dir.resolve(name), "{}");
    }

    NotebookUpdate.Targets targets =
        NotebookUpdate.targets(List.of(dir.resolve("m01"), dir.resolve("m01/notes.md")));

    assertThat(targets.notebooks())
        .containsExactly(dir.resolve("m01/a.ipynb"), dir.resolve("m01/sub/b.ipynb"));
    assertThat(targets.warnings())
        .containsExactly(dir.resolve("m01/notes.md") + " is not a notebook, ignoring");
  }

  @Test
  void aMissingArgumentIsAnError() {
    assertThatThrownBy(() -> NotebookUpdate.targets(List.of(dir.resolve("nope"))))
        .hasMessage("No such file or directory: " + dir.resolve("nope"));
  }

  @Test
  void rewritesTheFileWithUpgradedMetadata() {
    Path file = dir.resolve("old.ipynb");
    NotebookWriter.write(
        notebook(with(code("x"), "{\"solution\": true, \"grade_id\": \"s\"}")), file);

    NotebookUpdate.update(file, true);

    assertThat(NotebookReader.read(file).cells().get(0).nbgrader().get("schema_version").asInt())
        .isEqualTo(3);
  }
}
