package dev.tito.notebook.gates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Course rules nbgrader accepts but that surprise instructors or break grading later: how test, answer
 * and task cells are marked up.
 */
final class CellRoleGate implements NotebookGate {
  @Override
  public List<Finding> check(Path file, Notebook notebook) {
    List<Finding> findings = new ArrayList<>();
    List<Cell> cells = notebook.cells();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      if (cell.nbgrader() == null) {
        continue;
      }
      String id = GradingFlags.gradeId(cell);
      boolean grade = GradingFlags.isGrade(cell);
      boolean solution = GradingFlags.isSolution(cell);
      if (grade && !solution && cell.isCode()) {
        checkTestCell(file, cell, i, id, findings);
      }
      if (grade && !solution && "raw".equals(cell.type())) {
        findings.add(
            Finding.warning(
                file,
                i,
                id,
                null,
                named("raw grade cell", id) + " is never run, so it can only be graded by hand"));
      }
      JsonNode storedType = cell.nbgrader().get("cell_type");
      if (storedType != null
          && storedType.isTextual()
          && !storedType.textValue().equals(cell.type())) {
        findings.add(
            Finding.warning(
                file,
                i,
                id,
                null,
                "Cell type has changed from "
                    + storedType.textValue()
                    + " to "
                    + cell.type()
                    + "!"));
      }
      if (GradingFlags.isTask(cell) && !GradingFlags.isLocked(cell)) {
        findings.add(
            Finding.error(
                file,
                i,
                id,
                null,
                named("task cell", id)
                    + " is not locked: nbgrader's autograde "
                    + "fails on every submission of it; set locked to true"));
      }
    }
    return findings;
  }

  /** A test cell is read-only whatever it stores (nbgrader locks grade cells), but must say so and be worth points. */
  private static void checkTestCell(
      Path file, Cell cell, int index, String id, List<Finding> findings) {
    JsonNode locked = cell.nbgrader().get("locked");
    if (locked != null && locked.isBoolean() && !locked.booleanValue()) {
      findings.add(
          Finding.warning(
              file,
              index,
              id,
              null,
              named("test cell", id)
                  + " stores locked: false; nbgrader "
                  + "locks test cells anyway, set locked to true so the notebook says what students get"));
    }
    Double points = GradingFlags.points(cell);
    if (points != null && points == 0) {
      findings.add(
          Finding.warning(file, index, id, null, named("test cell", id) + " is worth 0 points"));
    }
  }

  /** "test cell 'q1'", or just "test cell" while the grade_id is missing (reported by the metadata rules). */
  private static String named(String kind, String gradeId) {
    return gradeId == null || gradeId.isEmpty() ? kind : kind + " '" + gradeId + "'";
  }
}
