package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;

/**
 * A step that deletes BEGIN/END regions (delimiters included, nothing inserted) from the cells allowed to
 * hold them, as nbgrader's ClearHiddenTests and ClearMarkScheme do; they differ only in words and rules.
 */
abstract class RegionRemoval implements CellStep {
  private final String begin;
  private final String end;
  private final boolean enforceMetadata;

  RegionRemoval(String begin, String end, boolean enforceMetadata) {
    this.begin = begin;
    this.end = end;
    this.enforceMetadata = enforceMetadata;
  }

  /** Whether the cell may hold a region (checked only when metadata is enforced). */
  abstract boolean allowedIn(Cell cell);

  abstract String nestedMessage();

  abstract String unterminatedMessage();

  abstract String misplacedMessage();

  /** A further check of the removed lines before they are dropped (none by default). */
  void checkRemoved(Cell cell, int index, DelimitedRegions.Result result) {}

  @Override
  public void beforeCells(Notebook notebook) {
    notebook.metadata().remove("celltoolbar");
  }

  @Override
  public void applyToCell(Notebook notebook, Cell cell, int index) {
    DelimitedRegions.Result result;
    try {
      result = DelimitedRegions.replace(cell.source(), begin, end, null);
    } catch (DelimitedRegions.UnbalancedException e) {
      String message =
          e.kind() == DelimitedRegions.UnbalancedException.Kind.NESTED
              ? nestedMessage()
              : unterminatedMessage();
      throw new ReleaseException(name(), index, GradingFlags.gradeId(cell), e.line(), message);
    }
    checkRemoved(cell, index, result);
    cell.setSource(result.text());
    if (result.found() && enforceMetadata && !allowedIn(cell)) {
      throw new ReleaseException(
          name(), index, GradingFlags.gradeId(cell), null, misplacedMessage());
    }
  }
}
