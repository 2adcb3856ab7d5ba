package dev.tito.notebook.metadata;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.markdown;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Notebook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellMetadataValidatorTest {
  private static final String VALID_TEST =
      "\"schema_version\": 3, \"grade\": true, \"solution\": false, "
          + "\"locked\": true, \"grade_id\": \"t1\", \"points\": 1";

  private static void validate(ObjectNode... cells) {
    CellMetadataValidator.validateNotebook(notebook(cells));
  }

  @Test
  void schemaVersionIsCheckedBeforeTheSchema() {
    assertThatThrownBy(() -> validate(with(code("x"), "{\"schema_version\": 2, \"foo\": 1}")))
        .isInstanceOfSatisfying(SchemaVersionException.class, e -> assertThat(e.tooOld()).isTrue())
        .hasMessage("Outdated schema version: 2 (expected 3)");
  }

  @Test
  void emptyMetadataCountsAsVersionZero() {
    assertThatThrownBy(() -> validate(with(code("x"), "{}")))
        .hasMessage("Outdated schema version: 0 (expected 3)");
  }

  @Test
  void newerSchemaIsTooNew() {
    assertThatThrownBy(() -> validate(with(code("x"), "{\"schema_version\": 4}")))
        .isInstanceOfSatisfying(SchemaVersionException.class, e -> assertThat(e.tooNew()).isTrue())
        .hasMessage("Schema version is too new: 4 (expected 3)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // object-level errors come first, as jsonschema's best_match picks them
        "missing required beats others|{\"schema_version\": 3, \"grade\": true, \"solution\": false, \"foo\": 1, \"points\": -1}|'locked' is a required property",
        "extra key beats property errors|{\"schema_version\": 3, \"grade\": true, \"solution\": false, \"locked\": true, \"foo\": 1, \"points\": -1}|Additional properties are not allowed ('foo' was unexpected)",
        "several extra keys|{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": false, \"a\": 1, \"b\": 2}|Additional properties are not allowed ('a', 'b' were unexpected)",
        "properties in schema order|{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": false, \"points\": -1, \"grade_id\": \"a b\"}|'a b' does not match '^[a-zA-Z0-9_\\\\-]*$'",
        "null grade_id|{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": false, \"grade_id\": null}|None is not of type 'string'",
        "text flag|{\"schema_version\": 3, \"grade\": \"yes\", \"solution\": false, \"locked\": false}|'yes' is not of type 'boolean'",
        "boolean points|{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": false, \"points\": true}|True is not of type 'number'",
        "negative float points|{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": false, \"points\": -0.5}|-0.5 is less than the minimum of 0",
        "short checksum|{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": false, \"checksum\": \"abc\"}|'abc' is too short",
        "unknown cell type|{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": false, \"cell_type\": \"python\"}|'python' is not one of ['raw', 'code', 'markdown']",
        "float schema version|{\"schema_version\": 3.0, \"grade\": false, \"solution\": false, \"locked\": false}|3.0 is not of type 'integer'",
        "quote in grade_id|{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": false, \"grade_id\": \"it's\"}|\"it's\" does not match '^[a-zA-Z0-9_\\\\-]*$'",
      })
  void reportsTheSchemaErrorJsonschemaWouldPick(String name, String metadata, String message) {
    assertThatThrownBy(() -> validate(with(code("x"), metadata)))
        .isInstanceOf(MetadataValidationException.class)
        .hasMessage(message);
  }

  @Test
  void gradeIdMayEndWithOneNewlineAsPythonsDollarAllows() {
    assertThatCode(
            () ->
                validate(
                    with(
                        code("x"),
                        "{\"schema_version\": 3, \"grade\": false, \"solution\": false, "
                            + "\"locked\": true, \"grade_id\": \"a\\n\"}")))
        .doesNotThrowAnyException();
  }

  @Test
  void missingGradeIdShowsTheCellSource() {
    assertThatThrownBy(
            () ->
                validate(
                    with(
                        markdown("my answer"),
                        "{\"schema_version\": 3, \"grade\": false, "
                            + "\"solution\": true, \"locked\": false}")))
        .hasMessage("nbgrader cell does not have a grade_id: my answer");
  }

  @Test
  void missingPointsNamesTheCell() {
    assertThatThrownBy(
            () ->
                validate(
                    with(
                        code("x"),
                        "{\"schema_version\": 3, \"grade\": true, "
                            + "\"solution\": false, \"locked\": false, \"grade_id\": \"q\"}")))
        .isInstanceOfSatisfying(
            MetadataValidationException.class,
            e -> {
              assertThat(e.gradeId()).isEqualTo("q");
              assertThat(e.cellIndex()).isZero();
            })
        .hasMessage("nbgrader cell 'q' does not have points");
  }

  @Test
  void taskCellsMustBeMarkdownButMayBeGradeOnly() {
    assertThatThrownBy(
            () ->
                validate(
                    with(
                        code("do it"),
                        "{\"schema_version\": 3, \"grade\": false, "
                            + "\"solution\": false, \"locked\": true, \"task\": true, \"grade_id\": \"t\", \"points\": 1}")))
        .hasMessage("Task cells have to be markdown: do it");
    assertThatCode(
            () ->
                validate(
                    with(
                        markdown("do it"),
                        "{\"schema_version\": 3, \"grade\": true, "
                            + "\"solution\": false, \"locked\": true, \"task\": true, \"grade_id\": \"t\", \"points\": 1}")))
        .doesNotThrowAnyException();
  }

  @Test
  void legalOddCombinationsPass() {
    assertThatCode(
            () ->
                validate(
                    with(
                        code("a"),
                        "{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": false, \"grade_id\": \"\"}"),
                    with(
                        code("b"),
                        "{\"schema_version\": 3, \"grade\": false, \"solution\": true, \"locked\": true, \"grade_id\": \"s\", \"points\": 3}"),
                    with(code("c"), "{" + VALID_TEST + "}")))
        .doesNotThrowAnyException();
  }

  @Test
  void duplicateGradeIdsAreFoundAfterEveryCellIsValid() {
    Notebook notebook =
        notebook(
            with(code("a"), "{" + VALID_TEST + "}"),
            with(code("b"), "{" + VALID_TEST + "}"),
            with(code("c"), "{" + VALID_TEST + "}"));

    assertThatThrownBy(() -> CellMetadataValidator.validateNotebook(notebook))
        .hasMessage("Duplicate grade id: t1");
    assertThat(CellMetadataValidator.duplicateGradeIds(notebook.cells()))
        .extracting(MetadataValidationException::cellIndex)
        .containsExactly(1, 2);
  }

  @Test
  void unlockedTaskCellsDoNotTakeAGradeId() {
    assertThatCode(
            () ->
                validate(
                    with(code("a"), "{" + VALID_TEST + "}"),
                    with(
                        markdown("task"),
                        "{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": false, "
                            + "\"task\": true, \"grade_id\": \"t1\", \"points\": 1}")))
        .doesNotThrowAnyException();
  }
}
