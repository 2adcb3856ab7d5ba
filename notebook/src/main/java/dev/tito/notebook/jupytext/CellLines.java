package dev.tito.notebook.jupytext;

import java.util.List;

/**
 * Where each cell of a jupytext file is: the 1-based line of its {@code # %%} marker, and of its source's
 * first line (after the marker, or after the opening quotes of a markdown cell written as a string).
 */
public record CellLines(List<Integer> markers, List<Integer> firstSourceLines) {
  /** For a notebook that is no jupytext file: no cell has a line in a file. */
  public static final CellLines NONE = new CellLines(List.of(), List.of());

  public CellLines {
    markers = List.copyOf(markers);
    firstSourceLines = List.copyOf(firstSourceLines);
  }

  /** The file's line for a line of a cell (its marker when {@code lineInCell} is null), or null when unknown. */
  public Integer fileLine(int cell, Integer lineInCell) {
    if (cell < 0 || cell >= markers.size()) {
      return null;
    }
    return lineInCell == null ? markers.get(cell) : firstSourceLines.get(cell) + lineInCell - 1;
  }
}
