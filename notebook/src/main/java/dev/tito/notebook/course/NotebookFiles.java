package dev.tito.notebook.course;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.jupytext.JupytextReader;
import dev.tito.notebook.metadata.SchemaUpgrade;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a notebook file of either kind tito accepts: {@code .ipynb}, or a jupytext percent {@code .py}.
 *
 * <p>TinyTorch writes {@code # %% nbgrader={...}} headers without {@code schema_version} (schema 0), which
 * nbgrader rejects as outdated and which {@code nbgrader update} cannot fix in a {@code .py}; so cells of a
 * jupytext module below schema 3 are upgraded in memory exactly as {@code nbgrader update} would, and
 * {@code tito module validate} reports each as a warning. {@code .ipynb} files are read as nbgrader reads them.
 */
public final class NotebookFiles {
  private NotebookFiles() {}

  /**
   * A notebook as read, and the cells whose nbgrader metadata was upgraded on the way.
   */
  public record ReadNotebook(Notebook notebook, List<UpgradedCell> upgraded) {
    /** One warning per upgraded cell, as {@code tito module validate} reports them. */
    public List<Finding> upgradeWarnings(Path file) {
      return upgraded.stream().map(cell -> Finding.warning(file, cell.index(), cell.gradeId(), null,
          "nbgrader metadata at schema version " + cell.fromVersion()
              + ": read as 'nbgrader update' upgrades it; add \"schema_version\": 3 to the cell header")).toList();
    }
  }

  /** A cell of a jupytext module whose metadata was below schema 3. */
  public record UpgradedCell(int index, String gradeId, int fromVersion) {}

  public static boolean isNotebook(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".ipynb") || name.endsWith(".py");
  }

  public static Notebook read(Path file) {
    return readWithUpgrades(file).notebook();
  }

  public static ReadNotebook readWithUpgrades(Path file) {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new NotebookFormatException(name + ": is a directory, not a notebook");
    }
    if (!isNotebook(file)) {
      if (!Files.exists(file)) {
        throw new NotebookFormatException(name + ": no such file");
      }
      throw new NotebookFormatException(name + ": not a notebook: tito reads .ipynb files and jupytext percent .py files");
    }
    return parse(readBytes(file), name);
  }

  /**
   * A notebook from its bytes (e.g. a key of a Secret), read as {@link #readWithUpgrades} reads the file
   * {@code name}: jupytext when the name ends in {@code .py}, with the same in-memory schema upgrade.
   */
  public static ReadNotebook parse(byte[] bytes, String name) {
    if (!name.toLowerCase(Locale.ROOT).endsWith(".py")) {
      return new ReadNotebook(NotebookReader.parse(bytes, name), List.of());
    }
    Notebook notebook = JupytextReader.parse(bytes, name);
    return new ReadNotebook(notebook, upgradeOldMetadata(notebook));
  }

  private static List<UpgradedCell> upgradeOldMetadata(Notebook notebook) {
    List<UpgradedCell> upgraded = new ArrayList<>();
    List<Cell> cells = notebook.cells();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      if (cell.nbgrader() == null) {
        continue;
      }
      JsonNode version = cell.nbgrader().get("schema_version");
      int from = version == null ? 0 : version.isIntegralNumber() ? version.asInt() : 3;
      if (from < 3) {
        String gradeId = cell.nbgrader().path("grade_id").asText(null);
        SchemaUpgrade.upgradeCell(cell, i);
        upgraded.add(new UpgradedCell(i, gradeId, from));
      }
    }
    return upgraded;
  }

  private static byte[] readBytes(Path file) {
    String name = file.toString();
    try {
      long size = Files.size(file);
      if (size > NotebookReader.MAX_BYTES) {
        throw new NotebookFormatException(String.format("%s: notebook is %.1f MB, larger than the %d MB limit",
            name, size / 1e6, NotebookReader.MAX_BYTES / 1_000_000));
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new NotebookFormatException(name + ": no such file");
    } catch (AccessDeniedException e) {
      throw new NotebookFormatException(name + ": permission denied");
    } catch (IOException e) {
      throw new NotebookFormatException(name + ": cannot read: " + e.getMessage());
    }
  }
}
