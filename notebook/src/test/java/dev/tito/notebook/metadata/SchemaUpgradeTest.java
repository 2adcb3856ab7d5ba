package dev.tito.notebook.metadata;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.json;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaUpgradeTest {
  private static Cell upgraded(String metadata) {
    Notebook notebook = SchemaUpgrade.upgrade(notebook(with(code("x"), metadata)));
    return notebook.cells().get(0);
  }

  @Test
  void versionZeroWithoutRoleLosesItsMetadata() {
    assertThat(upgraded("{\"points\": 3}").hasNbgrader()).isFalse();
  }

  @ParameterizedTest(name = "points {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {"\"2\"|2.0", "\" 1.5 \"|1.5", "\"\"|0.0", "-3|0.0", "4|4.0", "\"1e2\"|100.0"})
  void versionZeroGradeCellPointsBecomeNonNegativeFloats(String points, double expected) {
    Cell cell = upgraded("{\"grade\": true, \"grade_id\": \"g\", \"points\": " + points + "}");

    assertThat(cell.nbgrader().get("points").isDouble()).isTrue();
    assertThat(cell.nbgrader().get("points").doubleValue()).isEqualTo(expected);
    assertThat(cell.nbgrader())
        .isEqualTo(
            json(
                "{\"grade\": true, \"grade_id\": \"g\", \"points\": "
                    + expected
                    + ", \"solution\": false, \"locked\": false, \"schema_version\": 3}"));
  }

  @Test
  void versionZeroGradeCellWithoutPointsGetsZero() {
    assertThat(
            upgraded("{\"grade\": true, \"grade_id\": \"g\"}")
                .nbgrader()
                .get("points")
                .doubleValue())
        .isZero();
  }

  @Test
  void versionZeroNonGradeCellLosesPoints() {
    assertThat(
            upgraded("{\"solution\": true, \"grade_id\": \"s\", \"points\": 2}")
                .nbgrader()
                .has("points"))
        .isFalse();
  }

  @Test
  void unparseablePointsFailWithPythonsMessage() {
    assertThatThrownBy(
            () -> upgraded("{\"grade\": true, \"grade_id\": \"g\", \"points\": \"lots\"}"))
        .isInstanceOf(MetadataValidationException.class)
        .hasMessage("could not convert string to float: 'lots'");
  }

  @Test
  void versionOneLearnsItsCellTypeOnlyWhenAlreadyChecksummed() {
    Cell withChecksum =
        upgraded(
            "{\"schema_version\": 1, \"grade\": false, \"solution\": true, \"locked\": false, "
                + "\"grade_id\": \"s\", \"checksum\": \"0123456789abcdef0123456789abcdef\"}");
    Cell without =
        upgraded(
            "{\"schema_version\": 1, \"grade\": false, \"solution\": true, \"locked\": false, "
                + "\"grade_id\": \"s\"}");

    assertThat(withChecksum.nbgrader().path("cell_type").asText()).isEqualTo("code");
    assertThat(without.nbgrader().has("cell_type")).isFalse();
    assertThat(without.nbgrader().path("schema_version").asInt()).isEqualTo(3);
  }

  @Test
  void unknownKeysAreDroppedButNewerVersionsAreKept() {
    Cell cell =
        upgraded(
            "{\"schema_version\": 7, \"grade\": false, \"solution\": false, \"locked\": false, "
                + "\"shiny\": true}");

    assertThat(cell.nbgrader())
        .isEqualTo(
            json(
                "{\"schema_version\": 7, \"grade\": false, \"solution\": false, "
                    + "\"locked\": false}"));
  }
}
