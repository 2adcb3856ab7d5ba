package dev.tito.notebook.gates;

import java.nio.file.Path;

/**
 * One problem a quality gate found.
 *
 * @param cellIndex 0-based index of the cell in the file, or null for the whole notebook
 * @param gradeId the cell's grade_id when it has one
 * @param line 1-based line within the cell's source, or null
 * @param message what is wrong (nbgrader's exact text for what nbgrader itself rejects)
 * @param fileLine 1-based line in the file when the file is a jupytext {@code .py} (where the cell's line is), or null
 * @param rule the id of a rule a module may allow ({@link Allowances}), or null for rules that always hold
 */
public record Finding(
    Severity severity,
    Path file,
    Integer cellIndex,
    String gradeId,
    Integer line,
    String message,
    Integer fileLine,
    String rule) {

  /** ERROR blocks a release; WARNING is worth a look but nbgrader would release it. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public static Finding error(
      Path file, Integer cellIndex, String gradeId, Integer line, String message) {
    return new Finding(Severity.ERROR, file, cellIndex, gradeId, line, message, null, null);
  }

  public static Finding warning(
      Path file, Integer cellIndex, String gradeId, Integer line, String message) {
    return new Finding(Severity.WARNING, file, cellIndex, gradeId, line, message, null, null);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** This finding as one of a rule a module may allow. */
  public Finding withRule(String id) {
    return new Finding(severity, file, cellIndex, gradeId, line, message, fileLine, id);
  }

  /** This finding at a line of its {@code .py} file. */
  public Finding atFileLine(int number) {
    return new Finding(severity, file, cellIndex, gradeId, line, message, number, rule);
  }

  /** An error the module allowed: a warning saying who allowed it. */
  Finding allowedBy(String who) {
    return new Finding(
        Severity.WARNING,
        file,
        cellIndex,
        gradeId,
        line,
        message + " (allowed by " + who + ")",
        fileLine,
        rule);
  }

  /** The line to show: in the file for a {@code .py}, in the cell otherwise (1 for a cell as a whole). */
  public Integer shownLine() {
    if (fileLine != null) {
      return fileLine;
    }
    return line != null ? line : cellIndex != null ? Integer.valueOf(1) : null;
  }

  /**
   * One line for a terminal: {@code file.py:58: cell 3 (grade_id q1): error: message} for a jupytext file (an
   * editor opens the line), {@code file.ipynb: cell 3 (grade_id q1), line 2: error: message} for a notebook.
   */
  public String describe() {
    StringBuilder where = new StringBuilder(String.valueOf(file));
    if (fileLine != null) {
      where.append(':').append(fileLine);
    }
    if (cellIndex != null) {
      where.append(": cell ").append(cellIndex);
      if (gradeId != null && !gradeId.isEmpty()) {
        where.append(" (grade_id ").append(gradeId).append(')');
      }
      if (fileLine == null) {
        where.append(", line ").append(shownLine());
      }
    }
    return where + ": " + severity.name().toLowerCase() + ": " + message.replace("\n", " ");
  }
}
