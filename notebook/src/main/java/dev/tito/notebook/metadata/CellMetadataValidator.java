package dev.tito.notebook.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.PythonFloat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * nbgrader's {@code MetadataValidatorV3}: per cell the schema version, the JSON schema, then the
 * grade_id / points / markdown / task rules; per notebook the duplicate grade_id rule. The first
 * failure is thrown with nbgrader's exact message.
 */
public final class CellMetadataValidator {
  private CellMetadataValidator() {}

  /** Validates every cell, then grade_id uniqueness, as nbgrader's {@code validate_nb}. */
  public static void validateNotebook(Notebook notebook) {
    List<Cell> cells = notebook.cells();
    for (int i = 0; i < cells.size(); i++) {
      validateCell(cells.get(i), i);
    }
    checkDuplicateGradeIds(cells);
  }

  /** Validates one cell; {@code index} only labels the exception. */
  public static void validateCell(Cell cell, int index) {
    if (!cell.hasNbgrader()) {
      return;
    }
    JsonNode raw = cell.metadata().get("nbgrader");
    if (!(raw instanceof ObjectNode meta)) {
      throw new MetadataValidationException(CellMetadataSchema.firstError(raw), index, null);
    }
    checkVersion(meta, index);
    String gradeId = meta.path("grade_id").isTextual() ? meta.get("grade_id").textValue() : null;
    String schemaError = CellMetadataSchema.firstError(meta);
    if (schemaError != null) {
      throw new MetadataValidationException(schemaError, index, gradeId);
    }
    boolean grade = meta.get("grade").booleanValue();
    boolean solution = meta.get("solution").booleanValue();
    boolean locked = meta.get("locked").booleanValue();
    boolean task = meta.path("task").asBoolean(false);
    if (grade || solution || locked) {
      if (gradeId == null) {
        throw new MetadataValidationException(
            "nbgrader cell does not have a grade_id: " + cell.source(), index, null);
      }
      if (gradeId.isEmpty()) {
        throw new MetadataValidationException("grade_id is empty", index, gradeId);
      }
    }
    if (grade && !meta.has("points")) {
      throw new MetadataValidationException(
          "nbgrader cell '" + gradeId + "' does not have points", index, gradeId);
    }
    if (!task) {
      if (cell.isMarkdown() && grade && !solution) {
        throw new MetadataValidationException(
            "Markdown grade cell '" + gradeId + "' is not marked as a solution cell",
            index,
            gradeId);
      }
      if (cell.isMarkdown() && !grade && solution) {
        throw new MetadataValidationException(
            "Markdown solution cell is not marked as a grade cell: " + cell.source(),
            index,
            gradeId);
      }
    } else if (!cell.isMarkdown()) {
      throw new MetadataValidationException(
          "Task cells have to be markdown: " + cell.source(), index, gradeId);
    }
  }

  /** Among cells whose stored grade, solution or locked is true, a grade_id may appear once. */
  public static void checkDuplicateGradeIds(List<Cell> cells) {
    List<MetadataValidationException> duplicates = duplicateGradeIds(cells);
    if (!duplicates.isEmpty()) {
      throw duplicates.get(0);
    }
  }

  /** Every repeat of a grade_id (each one after its first use), in cell order. */
  public static List<MetadataValidationException> duplicateGradeIds(List<Cell> cells) {
    Set<String> seen = new HashSet<>();
    List<MetadataValidationException> duplicates = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      ObjectNode meta = cells.get(i).nbgrader();
      if (meta == null
          || !(meta.path("grade").asBoolean(false)
              || meta.path("solution").asBoolean(false)
              || meta.path("locked").asBoolean(false))) {
        continue;
      }
      String gradeId = meta.path("grade_id").asText("");
      if (!seen.add(gradeId)) {
        duplicates.add(
            new MetadataValidationException("Duplicate grade id: " + gradeId, i, gradeId));
      }
    }
    return duplicates;
  }

  private static void checkVersion(ObjectNode meta, int index) {
    JsonNode version = meta.get("schema_version");
    double value;
    if (version == null) {
      value = 0;
    } else if (version.isBoolean()) {
      // Python compares booleans as 0 and 1
      value = version.booleanValue() ? 1 : 0;
    } else if (version.isNumber()) {
      value = version.doubleValue();
    } else {
      // nbgrader itself crashes comparing a non-number with 3; report it as the schema would
      throw new MetadataValidationException(
          PythonRepr.of(version) + " is not of type 'integer'", index, null);
    }
    if (value < CellMetadataSchema.VERSION) {
      throw new SchemaVersionException(
          SchemaVersionException.Kind.TOO_OLD, versionText(version), index);
    }
    if (value > CellMetadataSchema.VERSION) {
      throw new SchemaVersionException(
          SchemaVersionException.Kind.TOO_NEW, versionText(version), index);
    }
  }

  /** The version as nbgrader prints it (only needed for an error). */
  private static String versionText(JsonNode version) {
    if (version == null) {
      return "0";
    }
    if (version.isBoolean()) {
      return version.booleanValue() ? "True" : "False";
    }
    return version.isIntegralNumber()
        ? version.bigIntegerValue().toString()
        : PythonFloat.repr(version.doubleValue());
  }
}
