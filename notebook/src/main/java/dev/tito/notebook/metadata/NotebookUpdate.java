package dev.tito.notebook.metadata;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

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

  /** The notebooks {@code nbgrader update PATH...} would touch, and a warning per skipped argument. */
  public record Targets(List<Path> notebooks, List<String> warnings) {}

  /**
   * Expands the arguments as nbgrader does: folders are searched recursively for {@code .ipynb} files
   * (checkpoints excluded), other files that are not notebooks are skipped with a warning.
   */
  public static Targets targets(List<Path> arguments) {
    SortedSet<Path> notebooks = new TreeSet<>();
    List<String> warnings = new ArrayList<>();
    for (Path argument : arguments) {
      if (!Files.exists(argument)) {
        throw new UpdateFailedException("No such file or directory: " + argument, null);
      }
      if (Files.isDirectory(argument)) {
        try (Stream<Path> walk = Files.walk(argument)) {
          walk.filter(path -> path.toString().endsWith(".ipynb") && Files.isRegularFile(path))
              .filter(path -> !argument.relativize(path).toString().contains(".ipynb_checkpoints"))
              .forEach(notebooks::add);
        } catch (IOException e) {
          throw new NotebookFormatException(argument + ": cannot list: " + e.getMessage());
        }
      } else if (!argument.toString().endsWith(".ipynb")) {
        warnings.add(argument + " is not a notebook, ignoring");
      } else {
        notebooks.add(argument);
      }
    }
    return new Targets(List.copyOf(notebooks), warnings);
  }

  public static Notebook update(Path file, boolean validate) {
    Notebook notebook = SchemaUpgrade.upgrade(NotebookReader.read(file));
    if (validate) {
      try {
        CellMetadataValidator.validateNotebook(notebook);
      } catch (SchemaVersionException e) {
        if (e.tooNew()) {
          throw new UpdateFailedException(
              "The notebook '"
                  + file
                  + "' uses a newer version of the nbgrader "
                  + "metadata format. Please update your version of nbgrader to the latest version to be able "
                  + "to use this notebook.",
              e);
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
    return new UpdateFailedException(
        "Notebook '" + file + "' failed to validate, metadata is corrupted", cause);
  }
}
