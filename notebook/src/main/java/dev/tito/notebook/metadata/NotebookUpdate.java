package dev.tito.notebook.metadata;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.nio.file.Path;

/**
 * {@code nbgrader update FILE}: upgrade the metadata, validate it (unless told not to), and rewrite the
 * file atomically; on a validation failure the file is left unchanged.
 */
public final class NotebookUpdate {
  private NotebookUpdate() {}

  /** Thrown with nbgrader's own message when the upgraded notebook still does not validate. */
  public static final class UpdateFailedException extends RuntimeException {
    public UpdateFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static Notebook update(Path file, boolean validate) {
    Notebook notebook = SchemaUpgrade.upgrade(NotebookReader.read(file));
    if (validate) {
      try {
        CellMetadataValidator.validateNotebook(notebook);
      } catch (SchemaVersionException e) {
        if (e.tooNew()) {
          throw new UpdateFailedException("The notebook '" + file + "' uses a newer version of the nbgrader "
              + "metadata format. Please update your version of nbgrader to the latest version to be able "
              + "to use this notebook.", e);
        }
        throw corrupted(file, e);
      } catch (MetadataValidationException e) {
        throw corrupted(file, e);
      }
    }
    NotebookWriter.write(notebook, file);
    return notebook;
  }

  private static UpdateFailedException corrupted(Path file, RuntimeException cause) {
    return new UpdateFailedException("Notebook '" + file + "' failed to validate, metadata is corrupted", cause);
  }
}
