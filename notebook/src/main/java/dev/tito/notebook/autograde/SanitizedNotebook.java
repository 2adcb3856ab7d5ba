package dev.tito.notebook.autograde;

import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.metadata.CellMetadataValidator;
import dev.tito.notebook.metadata.MetadataValidationException;
import dev.tito.notebook.metadata.SchemaVersionException;
import java.util.List;

/**
 * Autograde's first pass over a submission: what the release recorded restored (locked cells, hidden tests,
 * kernelspec, flags and points), so the notebook is safe to execute and score.
 *
 * @param notebook the sanitised copy (the submission itself is not modified)
 * @param notes what was corrected, in nbgrader's words
 * @param invalidMetadata why the notebook cannot be graded after the restore, or null when it can
 */
public record SanitizedNotebook(Notebook notebook, List<String> notes, String invalidMetadata) {
  private static final List<SanitizeStep> STEPS =
      List.of(
          new ClearOutput(), new DeduplicateIds(), new OverwriteKernelspec(), new OverwriteCells());

  /** --no-execute grades the outputs the student saved, so they are kept. */
  private static final List<SanitizeStep> STEPS_KEEPING_OUTPUTS =
      List.of(new DeduplicateIds(), new OverwriteKernelspec(), new OverwriteCells());

  /** @param keepOutputs true to grade the saved outputs without running the notebook */
  public static SanitizedNotebook of(Notebook submission, NotebookRows rows, boolean keepOutputs) {
    GradingLog log = new GradingLog();
    Notebook sanitized = submission.deepCopy();
    for (SanitizeStep step : keepOutputs ? STEPS_KEEPING_OUTPUTS : STEPS) {
      step.apply(sanitized, rows, log);
    }
    return new SanitizedNotebook(sanitized, log.notes(), invalidMetadata(sanitized));
  }

  /** nbgrader's CheckCellMetadata after the restore: what is still wrong cannot be graded. */
  private static String invalidMetadata(Notebook sanitized) {
    try {
      CellMetadataValidator.validateNotebook(sanitized);
      return null;
    } catch (MetadataValidationException | SchemaVersionException e) {
      return "invalid nbgrader metadata: " + e.getMessage();
    }
  }
}
