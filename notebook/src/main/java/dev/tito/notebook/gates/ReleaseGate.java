package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.release.ReleaseException;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.nio.file.Path;

/** Releases the notebook in memory: whatever makes generate_assignment fail is an error. */
final class ReleaseGate {
  /** The release, or the error that stopped it (exactly one of them is null). */
  record Outcome(ReleasedNotebook release, Finding error) {}

  private final ReleaseOptions options;

  ReleaseGate(ReleaseOptions options) {
    this.options = options;
  }

  Outcome release(Path file, Notebook notebook) {
    try {
      return new Outcome(StudentRelease.release(notebook, options), null);
    } catch (ReleaseException e) {
      if (e.part() != null) {
        // the cell is not in this file: say where it is instead of pointing at one of ours
        return new Outcome(
            null,
            Finding.error(
                file,
                null,
                e.gradeId(),
                e.line(),
                e.getMessage() + " (in cell " + e.cellIndex() + " of the " + e.part() + ")"));
      }
      return new Outcome(
          null, Finding.error(file, e.cellIndex(), e.gradeId(), e.line(), e.getMessage()));
    }
  }
}
