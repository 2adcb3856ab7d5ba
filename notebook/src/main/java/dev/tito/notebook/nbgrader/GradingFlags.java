package dev.tito.notebook.nbgrader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Cell;

/**
 * nbgrader's cell predicates (utils.py {@code is_grade}, {@code is_solution}, {@code is_locked},
 * {@code is_task}): missing keys read as false, and locking is the effective one.
 */
public final class GradingFlags {
  private GradingFlags() {}

  public static boolean isGrade(Cell cell) {
    return flag(cell.nbgrader(), "grade");
  }

  public static boolean isSolution(Cell cell) {
    return flag(cell.nbgrader(), "solution");
  }

  public static boolean isTask(Cell cell) {
    return flag(cell.nbgrader(), "task");
  }

  /** Solution wins over everything; any other grade cell is locked whatever its stored flag says. */
  public static boolean isLocked(Cell cell) {
    ObjectNode nbgrader = cell.nbgrader();
    return !flag(nbgrader, "solution") && (flag(nbgrader, "grade") || flag(nbgrader, "locked"));
  }

  /** Cells that get a checksum and are tracked by the gradebook as source cells. */
  public static boolean isChecksummed(Cell cell) {
    // grade or solution or (effectively) locked, looking the metadata up once
    ObjectNode nbgrader = cell.nbgrader();
    return flag(nbgrader, "grade") || flag(nbgrader, "solution") || flag(nbgrader, "locked");
  }

  public static String gradeId(Cell cell) {
    ObjectNode nbgrader = cell.nbgrader();
    JsonNode id = nbgrader == null ? null : nbgrader.get("grade_id");
    return id != null && id.isTextual() ? id.asText() : null;
  }

  /** The cell's points as a float, or null when absent or not a number. */
  public static Double points(Cell cell) {
    ObjectNode nbgrader = cell.nbgrader();
    JsonNode points = nbgrader == null ? null : nbgrader.get("points");
    return points != null && points.isNumber() ? points.asDouble() : null;
  }

  private static boolean flag(ObjectNode nbgrader, String name) {
    return nbgrader != null && truthy(nbgrader.get(name));
  }

  /** Python truthiness of a JSON value: nbgrader reads its flags with a plain {@code if}. */
  public static boolean truthy(JsonNode value) {
    // the parser shares two boolean nodes, and flags are nearly always booleans
    if (value == BooleanNode.TRUE) {
      return true;
    }
    if (value == null || value == BooleanNode.FALSE || value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.doubleValue() != 0;
    }
    if (value.isTextual()) {
      return !value.asText().isEmpty();
    }
    return value.size() > 0;
  }
}
