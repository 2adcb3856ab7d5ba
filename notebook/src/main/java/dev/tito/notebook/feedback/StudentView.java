package dev.tito.notebook.feedback;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.release.ClearHiddenTests;
import dev.tito.notebook.release.ClearMarkScheme;
import java.util.List;

/**
 * What a student may see of an autograded notebook: hidden-test and mark-scheme regions, which
 * autograde restored to run them, are cut out again with the release's own steps.
 */
final class StudentView {
  static final String WITHHELD = "# (source withheld)";

  private StudentView() {}

  static Notebook of(Notebook autograded) {
    Notebook view = autograded.deepCopy();
    ClearHiddenTests hiddenTests = new ClearHiddenTests(false);
    ClearMarkScheme markScheme = new ClearMarkScheme(false);
    List<Cell> cells = view.cells();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      try {
        hiddenTests.applyToCell(view, cell, i);
        markScheme.applyToCell(view, cell, i);
      } catch (RuntimeException unbalancedOrLeaking) {
        // a region the release could not cut cleanly is not shown at all
        cell.setSource(WITHHELD);
      }
    }
    return view;
  }
}
