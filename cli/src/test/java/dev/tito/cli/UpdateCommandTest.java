package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateCommandTest {
  private static final String MODULE =
      "# %% [markdown]\n# Sigmoid\n\n"
          + "# %% nbgrader={\"grade\": false, \"grade_id\": \"sigmoid\", \"solution\": true}\n"
          + "def sigmoid(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION\n\n"
          + "# %% nbgrader={\"grade\": true, \"grade_id\": \"test-sigmoid\", \"locked\": true, \"points\": 10}\n"
          + "assert sigmoid(0) == 0\n";

  @TempDir Path dir;

  @Test
  void theUpgradeWarningsFixIsAHintThatRunsAsPrintedAndLeavesNothingToWarnAbout()
      throws IOException {
    Path module = Files.writeString(dir.resolve("sigmoid.py"), MODULE);
    assertThat(TitoRun.of("module", "validate", module.toString()).out())
        .contains("to fix the file, run: tito module update " + module);

    TitoRun update = TitoRun.of("module", "update", module.toString());
    TitoRun again = TitoRun.of("module", "update", module.toString());

    assertThat(update.exitCode()).isZero();
    assertThat(update.out()).isEqualTo(module + ": updated 2 cell headers\n");
    assertThat(again.out()).isEqualTo(module + ": up to date\n");
    assertThat(Files.readString(module))
        .isEqualTo(
            MODULE
                .replace(
                    "\"solution\": true}",
                    "\"solution\": true, \"schema_version\": 3, \"locked\": false}")
                .replace(
                    "\"points\": 10}",
                    "\"points\": 10.0, \"schema_version\": 3, \"solution\": false}"));
    assertThat(TitoRun.of("module", "validate", module.toString()).out())
        .isEqualTo("1 notebook checked: no problems\n");
  }

  @Test
  void aFileWhoseMetadataStillDoesNotValidateIsLeftUnchangedWithTheLine() throws IOException {
    String broken =
        MODULE.replace("\"solution\": true}", "\"solution\": true, \"schema_version\": 3}");
    Path module = Files.writeString(dir.resolve("sigmoid.py"), broken);

    TitoRun run = TitoRun.of("module", "update", module.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "tito: "
                + module
                + ":4: cell 1: 'locked' is a required property; metadata is "
                + "corrupted, the file is left unchanged\n");
    assertThat(Files.readString(module)).isEqualTo(broken);
  }

  @Test
  void notebooksAreUpdatedAsNbgraderUpdateDoesAndFoldersAreSearched() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("modules/01_x"));
    Path notebook =
        Files.writeString(
            folder.resolve("x.ipynb"),
            "{\"cells\": [{\"cell_type\": \"code\", "
                + "\"execution_count\": null, \"outputs\": [], \"source\": \"assert True\", \"metadata\": {\"nbgrader\": "
                + "{\"grade\": true, \"grade_id\": \"t\", \"points\": 1}}}], \"metadata\": {}, \"nbformat\": 4, "
                + "\"nbformat_minor\": 5}");
    Path script = Files.writeString(folder.resolve("x_dev.py"), MODULE);
    Files.writeString(folder.resolve("helpers.py"), "import numpy\n");

    TitoRun run =
        TitoRun.of(
            "module", "update", dir.resolve("modules").toString(), dir.resolve("nope").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out())
        .isEqualTo(notebook + ": updated\n" + script + ": updated 2 cell headers\n");
    assertThat(run.err()).isEqualTo("tito: " + dir.resolve("nope") + ": no such file or folder\n");
    assertThat(Files.readString(notebook)).contains("\"schema_version\": 3");
    assertThat(Files.readString(folder.resolve("helpers.py"))).isEqualTo("import numpy\n");
  }
}
