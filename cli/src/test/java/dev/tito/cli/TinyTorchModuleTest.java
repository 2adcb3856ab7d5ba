package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TinyTorch's current modules write nbgrader headers without schema_version; they must release as-is. */
class TinyTorchModuleTest {
  private static final String MODULE =
      String.join(
          "\n",
          "# ---",
          "# jupyter:",
          "#   jupytext:",
          "#     text_representation:",
          "#       extension: .py",
          "#       format_name: percent",
          "#       format_version: '1.3'",
          "#       jupytext_version: 1.17.1",
          "# ---",
          "",
          "# %% [markdown]",
          "\"\"\"",
          "# Sigmoid",
          "\"\"\"",
          "",
          "# %% nbgrader={\"grade\": false, \"grade_id\": \"sigmoid\", \"solution\": true}",
          "import numpy as np",
          "def sigmoid(x):",
          "    ### BEGIN SOLUTION",
          "    return 1 / (1 + np.exp(-x))",
          "    ### END SOLUTION",
          "",
          "# %% nbgrader={\"grade\": true, \"grade_id\": \"test-sigmoid\", \"locked\": true, \"points\": 10}",
          "assert sigmoid(0) == 0.5",
          "");

  @TempDir Path dir;

  private Path course() throws IOException {
    Path file = dir.resolve("course/src/03_sigmoid/03_sigmoid.py");
    Files.createDirectories(file.getParent());
    Files.writeString(file, MODULE);
    return dir.resolve("course");
  }

  @Test
  void headersWithoutSchemaVersionAreUpgradedAndReportedAsWarnings() throws IOException {
    Path course = course();

    TitoRun run =
        TitoRun.of("module", "validate", course.resolve("src/03_sigmoid/03_sigmoid.py").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("warning")
        .contains("sigmoid")
        .contains(
            "2 cells have nbgrader metadata of schema version 0 (this is the first): tito reads them as "
                + "'nbgrader update' upgrades them; to fix the file, run: tito module update "
                + course.resolve("src/03_sigmoid/03_sigmoid.py"));
  }

  @Test
  void releasesLikeAnUpdatedNotebook() throws IOException {
    Path course = course();

    TitoRun run =
        TitoRun.of("module", "release", "03_sigmoid", "--student", "--course", course.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode released =
        new ObjectMapper().readTree(course.resolve("release/03_sigmoid/03_sigmoid.ipynb").toFile());
    JsonNode solution = released.path("cells").get(1);
    assertThat(solution.path("source").toString()).contains("raise NotImplementedError()");
    assertThat(solution.path("metadata").path("nbgrader").path("schema_version").asInt())
        .isEqualTo(3);
    JsonNode test = released.path("cells").get(2).path("metadata").path("nbgrader");
    assertThat(test.path("points").asDouble()).isEqualTo(10.0);
    assertThat(test.path("checksum").asText()).hasSize(32);
    JsonNode gradebook =
        new ObjectMapper().readTree(course.resolve(".tito/03_sigmoid.json").toFile());
    assertThat(
            gradebook
                .path("03_sigmoid")
                .path("notebooks")
                .path("03_sigmoid")
                .path("grade_cells")
                .path("test-sigmoid")
                .path("max_score")
                .asDouble())
        .isEqualTo(10.0);
  }
}
