package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.metadata.CellMetadataValidator;
import dev.tito.notebook.metadata.MetadataValidationException;
import dev.tito.notebook.metadata.SchemaVersionException;

/**
 * Validates the nbgrader metadata; validation errors are wrapped in nbgrader's "may be corrupted"
 * message, schema-version errors are not (nbgrader reports those as old/new metadata instead).
 */
public final class CheckCellMetadata implements ReleaseStep {
  @Override
  public void apply(Notebook notebook) {
    try {
      CellMetadataValidator.validateNotebook(notebook);
    } catch (MetadataValidationException e) {
      throw new ReleaseException(
          name(),
          e.cellIndex(),
          e.gradeId(),
          null,
          e.getMessage(),
          ReleaseException.METADATA_WRAPPER,
          e);
    } catch (SchemaVersionException e) {
      throw new ReleaseException(name(), e.cellIndex(), null, null, e.getMessage(), null, e);
    }
  }
}
