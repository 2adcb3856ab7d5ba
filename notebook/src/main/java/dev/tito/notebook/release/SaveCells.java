package dev.tito.notebook.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.gradebook.ReleaseGradebook.GradeCell;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.gradebook.ReleaseGradebook.SourceCell;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.PythonJsonText;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Records what autograde needs, as nbgrader's gradebook rows: points of grade and task cells, the
 * solution cells, and each tracked cell's source and checksum as they are now (hidden tests and mark
 * schemes still in). Without metadata enforcement, cells lacking a grade_id or points get no row.
 */
public final class SaveCells implements ReleaseStep {
  private final boolean enforceMetadata;
  private NotebookRows rows;

  /** With {@code enforceMetadata}, a task cell without points fails as in nbgrader (validation allows it). */
  public SaveCells(boolean enforceMetadata) {
    this.enforceMetadata = enforceMetadata;
  }

  @Override
  public void apply(Notebook notebook) {
    SortedMap<String, GradeCell> gradeCells = new TreeMap<>();
    SortedMap<String, GradeCell> taskCells = new TreeMap<>();
    SortedMap<String, SourceCell> sourceCells = new TreeMap<>();
    List<String> solutionCells = new ArrayList<>();
    List<Cell> cells = notebook.cells();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      boolean grade = GradingFlags.isGrade(cell);
      boolean solution = GradingFlags.isSolution(cell);
      boolean task = GradingFlags.isTask(cell);
      boolean locked = GradingFlags.isLocked(cell);
      if (!(grade || solution || task || locked)) {
        continue;
      }
      String gradeId = GradingFlags.gradeId(cell);
      Double points = GradingFlags.points(cell);
      // validation guarantees a grade_id when enforced; --no-metadata releases are not graded
      if (gradeId == null) {
        continue;
      }
      if (grade && points != null) {
        gradeCells.put(gradeId, new GradeCell(cell.type(), points));
      }
      if (solution) {
        solutionCells.add(gradeId);
      }
      if (task && points == null && enforceMetadata) {
        throw new ReleaseException(
            name(), i, gradeId, null, "nbgrader cell '" + gradeId + "' does not have points");
      }
      if (task && points != null) {
        taskCells.put(gradeId, new GradeCell(cell.type(), points));
      }
      JsonNode checksum = cell.nbgrader().get("checksum");
      sourceCells.put(
          gradeId,
          new SourceCell(
              cell.type(),
              checksum != null && checksum.isTextual() ? checksum.textValue() : null,
              locked,
              cell.source()));
    }
    solutionCells.sort(null);
    JsonNode kernelspec = notebook.metadata().get("kernelspec");
    rows =
        new NotebookRows(
            gradeCells,
            PythonJsonText.dumps(
                kernelspec == null ? notebook.metadata().objectNode() : kernelspec),
            List.copyOf(solutionCells),
            sourceCells,
            taskCells);
  }

  /** The rows of the last notebook this step saw. */
  public NotebookRows rows() {
    return rows;
  }
}
