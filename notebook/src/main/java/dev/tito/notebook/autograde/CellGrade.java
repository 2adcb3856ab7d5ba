package dev.tito.notebook.autograde;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.PythonFloat;
import dev.tito.notebook.nbgrader.Checksum;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.OptionalDouble;

/**
 * nbgrader's {@code determine_grade} for one executed grade cell: a manual answer scores 0 while
 * unchanged and needs a person otherwise; a code test scores 0 on an error or stderr output, partial
 * credit from its result (Python {@code float()}), else full points; other cells need a person.
 *
 * @param score null when a person must grade the cell
 * @param message one line for the student; empty on full points
 */
public record CellGrade(Double score, double max, String message) {
  static final String NO_RESPONSE = "No response.";
  static final String NEEDS_PERSON = "needs manual grading";

  public static CellGrade of(Cell cell, double max) {
    if (GradingFlags.isSolution(cell)) {
      return unchanged(cell)
          ? new CellGrade(0.0, max, NO_RESPONSE)
          : new CellGrade(null, max, NEEDS_PERSON);
    }
    if (!cell.isCode()) {
      return new CellGrade(null, max, NEEDS_PERSON);
    }
    for (JsonNode output : cell.outputs()) {
      String type = output.path("output_type").asText();
      if ("error".equals(type)) {
        return new CellGrade(0.0, max, errorLine(output));
      }
      if ("stream".equals(type) && "stderr".equals(output.path("name").asText())) {
        return new CellGrade(
            0.0, max, "wrote to stderr: " + firstLine(output.path("text").asText()));
      }
      if ("execute_result".equals(type)) {
        return partialCredit(max, output.path("data").path("text/plain"));
      }
    }
    return new CellGrade(max, max, "");
  }

  /** The cell still has the checksum it was released with (the student did not touch it). */
  public static boolean unchanged(Cell cell) {
    JsonNode checksum = cell.nbgrader() == null ? null : cell.nbgrader().get("checksum");
    return checksum != null && !checksum.isNull() && checksum.asText().equals(Checksum.of(cell));
  }

  private static CellGrade partialCredit(double max, JsonNode plain) {
    String text = plain.isArray() ? null : plain.asText("");
    OptionalDouble value =
        text == null || text.isEmpty() ? OptionalDouble.empty() : PythonFloatParser.parse(text);
    if (value.isEmpty() || Double.isNaN(value.getAsDouble()) || value.getAsDouble() < 0) {
      return new CellGrade(max, max, "");
    }
    double credit = value.getAsDouble();
    if (credit > max) {
      // nbgrader 0.9.5 fails the whole submission here; the cell's points are the most it can give
      return new CellGrade(
          max,
          max,
          "partial credit "
              + text.strip()
              + " is above the cell's "
              + PythonFloat.repr(max)
              + " points; counted as "
              + PythonFloat.repr(max));
    }
    return new CellGrade(
        credit,
        max,
        credit < max
            ? "partial credit: " + PythonFloat.repr(credit) + " of " + PythonFloat.repr(max)
            : "");
  }

  private static String errorLine(JsonNode error) {
    String name = error.path("ename").asText("");
    String value = error.path("evalue").asText("");
    return firstLine(value.isEmpty() ? name : name + ": " + value);
  }

  private static String firstLine(String text) {
    String line = text.strip().split("\n", 2)[0];
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
