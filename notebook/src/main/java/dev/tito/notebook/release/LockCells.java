package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;

/**
 * Sets Jupyter's own UI flags: answer cells cannot be deleted, test and read-only cells can be neither
 * deleted nor edited (nbgrader's defaults: lock solution, grade and read-only cells, not all cells).
 */
public final class LockCells implements CellStep {
  @Override
  public void applyToCell(Notebook notebook, Cell cell, int index) {
    boolean solution = GradingFlags.isSolution(cell);
    boolean grade = GradingFlags.isGrade(cell);
    if (solution) {
      cell.metadata().put("deletable", false);
    } else if (grade || GradingFlags.isLocked(cell)) {
      cell.metadata().put("deletable", false);
      cell.metadata().put("editable", false);
    }
  }
}
