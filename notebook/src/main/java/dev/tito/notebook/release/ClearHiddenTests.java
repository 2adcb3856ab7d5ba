package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;

/** Removes {@code BEGIN HIDDEN TESTS} / {@code END HIDDEN TESTS} regions, which only test cells may hold. */
public final class ClearHiddenTests implements CellStep {
  public static final String BEGIN = "BEGIN HIDDEN TESTS";
  public static final String END = "END HIDDEN TESTS";

  private final boolean enforceMetadata;

  public ClearHiddenTests(boolean enforceMetadata) {
    this.enforceMetadata = enforceMetadata;
  }

  @Override
  public void beforeCells(Notebook notebook) {
    notebook.metadata().remove("celltoolbar");
  }

  @Override
  public void applyToCell(Notebook notebook, Cell cell, int index) {
    DelimitedRegions.Result result;
    try {
      result = DelimitedRegions.replace(cell.source(), BEGIN, END, null);
    } catch (DelimitedRegions.UnbalancedException e) {
      String message = e.kind() == DelimitedRegions.UnbalancedException.Kind.NESTED
          ? "Encountered nested begin hidden tests statements" : "No end hidden tests statement found";
      throw new ReleaseException(name(), index, GradingFlags.gradeId(cell), e.line(), message);
    }
    cell.setSource(result.text());
    if (result.found() && !GradingFlags.isGrade(cell) && enforceMetadata) {
      throw new ReleaseException(name(), index, GradingFlags.gradeId(cell), null,
          "Hidden test region detected in a non-grade cell; please make sure all solution regions are within "
              + "'Autograder tests' cells.");
    }
  }
}
