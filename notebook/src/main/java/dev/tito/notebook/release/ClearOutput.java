package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import java.util.List;

/** nbconvert's ClearOutputPreprocessor: code cells lose outputs, execution count and output display flags. */
public final class ClearOutput implements CellStep {
  @Override
  public void applyToCell(Notebook notebook, Cell cell, int index) {
    if (!cell.isCode()) {
      return;
    }
    cell.node().putArray("outputs");
    cell.node().putNull("execution_count");
    if (cell.node().has("metadata")) {
      cell.metadata().remove(List.of("collapsed", "scrolled"));
    }
  }
}
