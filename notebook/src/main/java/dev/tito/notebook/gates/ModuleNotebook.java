package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.jupytext.CellLines;
import java.nio.file.Path;
import java.util.List;

/**
 * A notebook of a module together with the file it was read from (for findings) and, for a jupytext file,
 * where each cell is in it.
 *
 * @param lines each cell's lines in a jupytext {@code .py}; {@link CellLines#NONE} for an {@code .ipynb}
 */
public record ModuleNotebook(Path file, Notebook notebook, CellLines lines) {
  public ModuleNotebook(Path file, Notebook notebook) {
    this(file, notebook, CellLines.NONE);
  }

  /** The findings of this notebook with the line of the {@code .py} each cell finding is at. */
  public List<Finding> locate(List<Finding> findings) {
    return findings.stream()
        .map(
            finding -> {
              Integer at =
                  finding.file().equals(file) && finding.cellIndex() != null
                      ? lines.fileLine(finding.cellIndex(), finding.line())
                      : null;
              return at == null ? finding : finding.atFileLine(at);
            })
        .toList();
  }
}
