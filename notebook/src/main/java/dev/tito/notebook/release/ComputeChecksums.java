package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.Checksum;
import dev.tito.notebook.nbgrader.GradingFlags;

/** Stores the checksum and current type of every grade, solution and (effectively) locked cell. */
public final class ComputeChecksums implements CellStep {
  @Override
  public void applyToCell(Notebook notebook, Cell cell, int index) {
    if (!GradingFlags.isChecksummed(cell)) {
      return;
    }
    cell.nbgrader().put("checksum", Checksum.of(cell));
    cell.nbgrader().put("cell_type", cell.type());
  }
}
