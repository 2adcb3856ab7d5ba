package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.Checksum;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.HashMap;
import java.util.Map;

/**
 * Stores the checksum and current type of every grade, solution and (effectively) locked cell. The
 * release runs it twice; checksums of unchanged cells are remembered from the first run, keyed by the
 * exact text hashed.
 */
public final class ComputeChecksums implements CellStep {
  private final Map<String, String> known = new HashMap<>();

  @Override
  public void applyToCell(Notebook notebook, Cell cell, int index) {
    if (!GradingFlags.isChecksummed(cell)) {
      return;
    }
    cell.nbgrader().put("checksum", known.computeIfAbsent(Checksum.input(cell), Checksum::md5));
    cell.nbgrader().put("cell_type", cell.type());
  }
}
