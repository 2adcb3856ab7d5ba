package dev.tito.notebook.autograde;

import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A grade_id may appear once: the last cell carrying it keeps it (as in nbgrader); earlier copies
 * become ordinary cells. nbgrader 0.9.5 leaves them with empty metadata, which aborts the whole run.
 */
final class DeduplicateIds implements SanitizeStep {
  @Override
  public void apply(Notebook submission, NotebookRows rows, GradingLog log) {
    List<Cell> cells = submission.cells();
    Set<String> seen = new HashSet<>();
    for (int i = cells.size() - 1; i >= 0; i--) {
      Cell cell = cells.get(i);
      if (!GradingFlags.isChecksummed(cell)) {
        continue;
      }
      String id = GradingFlags.gradeId(cell);
      if (id != null && !seen.add(id)) {
        log.note("Cell with id '" + id + "' exists multiple times! Only the last one is graded.");
        cell.metadata().remove("nbgrader");
      }
    }
  }
}
