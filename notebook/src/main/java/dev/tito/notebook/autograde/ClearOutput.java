package dev.tito.notebook.autograde;

import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;

/** nbconvert's ClearOutput: outputs the student saved must not count (or be shown as ours). */
final class ClearOutput implements SanitizeStep {
  @Override
  public void apply(Notebook submission, NotebookRows rows, GradingLog log) {
    for (Cell cell : submission.cells()) {
      if (cell.isCode()) {
        cell.node().putArray("outputs");
        cell.node().putNull("execution_count");
        cell.metadata().remove("collapsed");
        cell.metadata().remove("scrolled");
      }
    }
  }
}
