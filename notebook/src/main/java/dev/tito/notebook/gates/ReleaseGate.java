package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.release.ReleaseException;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.StudentRelease;
import java.nio.file.Path;
import java.util.List;

/** Releases the notebook in memory: whatever makes generate_assignment fail is an error. */
final class ReleaseGate implements NotebookGate {
  private final ReleaseOptions options;

  ReleaseGate(ReleaseOptions options) {
    this.options = options;
  }

  @Override
  public List<Finding> check(Path file, Notebook notebook) {
    try {
      StudentRelease.release(notebook, options);
      return List.of();
    } catch (ReleaseException e) {
      if (e.part() != null) {
        // the cell is not in this file: say where it is instead of pointing at one of ours
        return List.of(Finding.error(file, null, e.gradeId(), e.line(),
            e.getMessage() + " (in cell " + e.cellIndex() + " of the " + e.part() + ")"));
      }
      return List.of(Finding.error(file, e.cellIndex(), e.gradeId(), e.line(), e.getMessage()));
    }
  }
}
