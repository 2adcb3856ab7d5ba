package dev.tito.notebook.autograde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.gradebook.ReleaseGradebook.GradeCell;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.gradebook.ReleaseGradebook.SourceCell;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.PythonFloat;
import dev.tito.notebook.nbgrader.Checksum;
import dev.tito.notebook.nbgrader.GradingFlags;

/**
 * nbgrader's OverwriteCells: every cell the release knows gets back its recorded type, flags, points
 * and checksum, and a locked cell whose content differs gets back its recorded source (which is how
 * hidden tests return and edited tests are undone). Answers keep the student's source.
 */
final class OverwriteCells implements SanitizeStep {
  @Override
  public void apply(Notebook submission, NotebookRows rows, GradingLog log) {
    for (Cell cell : submission.cells()) {
      ObjectNode nbgrader = cell.nbgrader();
      if (nbgrader == null || !nbgrader.has("grade_id")) {
        continue;
      }
      String id = nbgrader.path("grade_id").asText();
      SourceCell recorded = rows.sourceCells().get(id);
      if (recorded == null) {
        forget(cell, nbgrader, id, log);
        continue;
      }
      restoreType(cell, recorded, id, log);
      restoreFlag(nbgrader, "grade", rows.gradeCells().containsKey(id), id, log);
      restoreFlag(nbgrader, "solution", rows.solutionCells().contains(id), id, log);
      if (rows.taskCells().containsKey(id) || nbgrader.has("task")) {
        restoreFlag(nbgrader, "task", rows.taskCells().containsKey(id), id, log);
      }
      if (GradingFlags.isLocked(cell) != recorded.locked()) {
        changed(log, "locked", id, recorded.locked(), GradingFlags.isLocked(cell));
        nbgrader.put("locked", recorded.locked());
      }
      restorePoints(cell, nbgrader, rows, id, log);
      restoreChecksum(nbgrader, recorded, id, log);
      if (recorded.locked() && !Checksum.of(cell).equals(recorded.checksum())) {
        changed(log, "source", id, recorded.source(), cell.source());
        cell.setSource(recorded.source());
        if (!Checksum.of(cell).equals(recorded.checksum())) {
          log.note("Inconsistent checksums for cell " + id + " (graded with the recorded source)");
        }
      }
    }
  }

  /** nbgrader drops the unknown id and then fails the notebook; an unknown cell is graded as plain code. */
  private static void forget(Cell cell, ObjectNode nbgrader, String id, GradingLog log) {
    log.note("Cell '" + id + "' does not exist in the database");
    if (GradingFlags.isChecksummed(cell)) {
      cell.metadata().remove("nbgrader");
    } else {
      nbgrader.remove("grade_id");
    }
  }

  private static void restoreType(Cell cell, SourceCell recorded, String id, GradingLog log) {
    String type = recorded.cellType();
    if (type == null || type.equals(cell.type())) {
      return;
    }
    changed(log, "cell_type", id, type, cell.type());
    cell.setType(type);
    if ("code".equals(type)) {
      cell.node().putArray("outputs");
      cell.node().putNull("execution_count");
    } else {
      cell.node().remove("outputs");
      cell.node().remove("execution_count");
    }
  }

  private static void restoreFlag(
      ObjectNode nbgrader, String flag, boolean recorded, String id, GradingLog log) {
    boolean stored = nbgrader.path(flag).asBoolean(false);
    if (stored != recorded) {
      changed(log, flag, id, recorded, stored);
      nbgrader.put(flag, recorded);
    }
  }

  private static void restorePoints(
      Cell cell, ObjectNode nbgrader, NotebookRows rows, String id, GradingLog log) {
    GradeCell grade = rows.gradeCells().get(id);
    if (grade == null) {
      return;
    }
    Double points = GradingFlags.points(cell);
    if (points == null || points != grade.maxScore()) {
      changed(log, "points", id, PythonFloat.repr(grade.maxScore()), nbgrader.get("points"));
      nbgrader.put("points", grade.maxScore());
    }
  }

  /** An unlocked task cell has no recorded checksum: nbgrader writes null and fails; the key is removed. */
  private static void restoreChecksum(
      ObjectNode nbgrader, SourceCell recorded, String id, GradingLog log) {
    JsonNode stored = nbgrader.get("checksum");
    String storedText = stored == null || stored.isNull() ? null : stored.asText();
    if (recorded.checksum() == null) {
      nbgrader.remove("checksum");
      return;
    }
    if (!recorded.checksum().equals(storedText)) {
      changed(log, "checksum", id, recorded.checksum(), storedText);
    }
    nbgrader.put("checksum", recorded.checksum());
  }

  private static void changed(
      GradingLog log, String attribute, String id, Object should, Object got) {
    log.note(
        "Attribute '"
            + attribute
            + "' for cell "
            + id
            + " has changed! (should be: "
            + should
            + ", got: "
            + got
            + ")");
  }
}
