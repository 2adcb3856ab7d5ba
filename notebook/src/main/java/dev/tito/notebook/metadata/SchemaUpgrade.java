package dev.tito.notebook.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * nbgrader's metadata upgrade ({@code nbgrader update}): version 0 to 1 to 2 to 3 in sequence, then
 * every key the v3 schema does not know is dropped. Never downgrades a newer version.
 */
public final class SchemaUpgrade {
  private static final Pattern PYTHON_FLOAT =
      Pattern.compile(
          "[+-]?(?:(?:\\d(?:_?\\d)*)?\\.?\\d(?:_?\\d)*(?:[eE][+-]?\\d(?:_?\\d)*)?|\\d(?:_?\\d)*\\.|inf|infinity|nan)",
          Pattern.CASE_INSENSITIVE);

  private SchemaUpgrade() {}

  /** Upgrades every cell's metadata in place and returns the same notebook. */
  public static Notebook upgrade(Notebook notebook) {
    List<Cell> cells = notebook.cells();
    for (int i = 0; i < cells.size(); i++) {
      upgradeCell(cells.get(i), i);
    }
    return notebook;
  }

  public static void upgradeCell(Cell cell, int index) {
    ObjectNode meta = cell.nbgrader();
    if (meta == null) {
      return;
    }
    if (!meta.has("schema_version")) {
      meta.put("schema_version", 0);
    }
    if (versionIs(meta, 0)) {
      if (!upgradeV0ToV1(cell, meta, index)) {
        return;
      }
    }
    if (versionIs(meta, 1)) {
      // only cells already released (with a checksum) learn their type
      if (meta.has("checksum") && !meta.has("cell_type")) {
        meta.put("cell_type", cell.type());
      }
      meta.put("schema_version", 2);
    }
    if (versionIs(meta, 2)) {
      meta.put("schema_version", 3);
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = meta.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!CellMetadataSchema.PROPERTIES.contains(key)) {
        unknown.add(key);
      }
    }
    meta.remove(unknown);
  }

  /** Returns false when the cell turned out to carry no nbgrader role and lost its metadata. */
  private static boolean upgradeV0ToV1(Cell cell, ObjectNode meta, int index) {
    for (String flag : List.of("grade", "solution", "locked")) {
      if (!meta.has(flag)) {
        meta.put(flag, false);
      }
    }
    boolean grade = GradingFlags.truthy(meta.get("grade"));
    if (!grade
        && !GradingFlags.truthy(meta.get("solution"))
        && !GradingFlags.truthy(meta.get("locked"))) {
      cell.metadata().remove("nbgrader");
      return false;
    }
    if (!grade) {
      meta.remove("points");
    } else if (!meta.has("points") || "".equals(meta.get("points").asText(null))) {
      meta.put("points", 0.0);
    } else {
      double points = pythonFloat(meta.get("points"), index);
      meta.put("points", points < 0 ? 0.0 : points);
    }
    meta.put("schema_version", 1);
    return true;
  }

  private static boolean versionIs(ObjectNode meta, int version) {
    JsonNode value = meta.get("schema_version");
    return value != null
        && (value.isNumber() || value.isBoolean())
        && (value.isBoolean() ? (value.booleanValue() ? 1 : 0) : value.doubleValue()) == version;
  }

  /** Python's {@code float(x)} for the values old metadata held in {@code points}. */
  static double pythonFloat(JsonNode value, int index) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? 1.0 : 0.0;
    }
    if (value.isTextual()) {
      String text = value.textValue().strip();
      if (PYTHON_FLOAT.matcher(text).matches()) {
        String lower = text.toLowerCase().replace("_", "");
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
          return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return lower.endsWith("nan") ? Double.NaN : Double.parseDouble(lower);
      }
      throw new MetadataValidationException(
          "could not convert string to float: " + PythonRepr.of(value.textValue()), index, null);
    }
    throw new MetadataValidationException(
        "float() argument must be a string or a real number, not " + PythonRepr.of(value),
        index,
        null);
  }
}
