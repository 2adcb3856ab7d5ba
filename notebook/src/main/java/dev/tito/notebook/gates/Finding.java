package dev.tito.notebook.gates;

import java.nio.file.Path;

/**
 * One problem a quality gate found.
 *
 * @param cellIndex 0-based index of the cell in the file, or null for the whole notebook
 * @param gradeId the cell's grade_id when it has one
 * @param line 1-based line within the cell's source, or null
 * @param message what is wrong (nbgrader's exact text for what nbgrader itself rejects)
 */
public record Finding(Severity severity, Path file, Integer cellIndex, String gradeId, Integer line, String message) {

  /** ERROR blocks a release; WARNING is worth a look but nbgrader would release it. */
  public enum Severity { ERROR, WARNING }

  public static Finding error(Path file, Integer cellIndex, String gradeId, Integer line, String message) {
    return new Finding(Severity.ERROR, file, cellIndex, gradeId, line, message);
  }

  public static Finding warning(Path file, Integer cellIndex, String gradeId, Integer line, String message) {
    return new Finding(Severity.WARNING, file, cellIndex, gradeId, line, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** One line for a terminal: {@code file: cell 3 (grade_id q1), line 2: error: message}. */
  public String describe() {
    StringBuilder where = new StringBuilder(String.valueOf(file));
    if (cellIndex != null) {
      where.append(": cell ").append(cellIndex);
      if (gradeId != null && !gradeId.isEmpty()) {
        where.append(" (grade_id ").append(gradeId).append(')');
      }
    }
    if (line != null) {
      where.append(", line ").append(line);
    }
    return where + ": " + severity.name().toLowerCase() + ": " + message.replace("\n", " ");
  }
}
