package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;

/**
 * nbgrader expands {@code AUTOTEST} lines into assertions by evaluating templates in a live kernel.
 * tito releases without a kernel, so it refuses such cells rather than ship the unexpanded line (a
 * test cell that tests nothing).
 */
public final class InstantiateTests implements CellStep {
  public static final String DELIMITER = "AUTOTEST";

  @Override
  public void applyToCell(Notebook notebook, Cell cell, int index) {
    if (!cell.isCode() || !cell.source().contains(DELIMITER)) {
      return;
    }
    String[] lines = cell.source().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(DELIMITER)) {
        throw new ReleaseException(
            name(),
            index,
            GradingFlags.gradeId(cell),
            i + 1,
            "AUTOTEST lines are not supported: nbgrader expands them by running a kernel, tito releases without "
                + "one; write the assertions into the test cell instead");
      }
    }
  }
}
