package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import java.util.List;

/** A step that works on each cell on its own, so quality gates can run it cell by cell. */
public interface CellStep extends ReleaseStep {
  /** Changes one cell of {@code notebook} in place. */
  void applyToCell(Notebook notebook, Cell cell, int index);

  /** Notebook-wide work done once before the cells (none by default). */
  default void beforeCells(Notebook notebook) {}

  @Override
  default void apply(Notebook notebook) {
    beforeCells(notebook);
    List<Cell> cells = notebook.cells();
    for (int i = 0; i < cells.size(); i++) {
      applyToCell(notebook, cells.get(i), i);
    }
  }
}
