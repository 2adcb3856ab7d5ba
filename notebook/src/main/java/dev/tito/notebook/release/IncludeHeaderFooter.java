package dev.tito.notebook.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.metadata.CellMetadataValidator;
import dev.tito.notebook.metadata.MetadataValidationException;
import dev.tito.notebook.metadata.SchemaVersionException;
import java.util.ArrayList;
import java.util.List;

/** Puts the header's cells before the notebook's and the footer's after; the notebook keeps its metadata. */
public final class IncludeHeaderFooter implements ReleaseStep {
  private final Notebook header;
  private final Notebook footer;

  public IncludeHeaderFooter(Notebook header, Notebook footer) {
    this.header = header;
    this.footer = footer;
  }

  @Override
  public void apply(Notebook notebook) {
    List<Cell> cells = new ArrayList<>(copiedCells(header));
    cells.addAll(notebook.cells());
    cells.addAll(copiedCells(footer));
    notebook.setCells(cells);
  }

  /** nbgrader reads the header and footer with metadata validation, so a broken one fails the release. */
  private List<Cell> copiedCells(Notebook part) {
    if (part == null) {
      return List.of();
    }
    try {
      CellMetadataValidator.validateNotebook(part);
    } catch (MetadataValidationException e) {
      throw new ReleaseException(name(), null, e.gradeId(), null, e.getMessage(), null, e);
    } catch (SchemaVersionException e) {
      throw new ReleaseException(name(), null, null, null, e.getMessage(), null, e);
    }
    List<Cell> copies = new ArrayList<>();
    for (Cell cell : part.cells()) {
      copies.add(new Cell((ObjectNode) cell.node().deepCopy()));
    }
    return copies;
  }
}
