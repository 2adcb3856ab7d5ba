package dev.tito.notebook.course;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.gates.ModuleNotebook;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.jupytext.CellLines;
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
 * nbgrader rejects as outdated and which {@code nbgrader update} cannot fix in a {@code .py}; so cells below
 * schema 3 are upgraded in memory exactly as {@code nbgrader update} would, in {@code .py} and {@code .ipynb}
 * files alike (the same metadata gets the same treatment), and {@code tito module validate} reports it once per
 * file as a warning. {@code validate --nbgrader} reads files as nbgrader does, without the upgrade.
 */
public final class NotebookFiles {
  private NotebookFiles() {}

  /**
   * A notebook as read, the cells whose nbgrader metadata was upgraded on the way, and (for a jupytext file)
   * where each cell is in the file.
   */
  public record ReadNotebook(Notebook notebook, List<UpgradedCell> upgraded, CellLines lines) {
    public ReadNotebook {
      upgraded = List.copyOf(upgraded);
    }

    /** The notebook with its file, for the gates (which then report {@code .py} lines). */
    public ModuleNotebook moduleNotebook(Path file) {
      return new ModuleNotebook(file, notebook, lines);
    }

    /** One warning for the file when cells were upgraded, at the first of them, with how many there were. */
    public List<Finding> upgradeWarnings(Path file) {
      return upgradeWarnings(file, "tito");
    }

    /** As {@link #upgradeWarnings(Path)}, with the fix hint naming tito as {@code program} (how it was run). */
    public List<Finding> upgradeWarnings(Path file, String program) {
      if (upgraded.isEmpty()) {
        return List.of();
      }
      UpgradedCell first = upgraded.get(0);
      String count = upgraded.size() == 1 ? "1 cell has" : upgraded.size() + " cells have";
      String fix =
          "to fix the file, run: "
              + program
              + " module update "
              + file
              + (isJupytext(file)
                  ? " (or add \"schema_version\": 3 to each nbgrader={...}, with \"grade\", \"solution\" "
                      + "and \"locked\" false where missing)"
                  : "");
      Finding warning =
          Finding.warning(
              file,
              first.index(),
              first.gradeId(),
              null,
              count
                  + " nbgrader metadata of "
                  + "schema version "
                  + first.fromVersion()
                  + " (this is the first): tito reads "
                  + (upgraded.size() == 1
                      ? "it as 'nbgrader update' upgrades it; "
                      : "them as 'nbgrader update' upgrades them; ")
                  + fix);
      Integer line = lines.fileLine(first.index(), null);
      return List.of(line == null ? warning : warning.atFileLine(line));
    }
  }

  /** A cell whose metadata was below schema 3. */
  public record UpgradedCell(int index, String gradeId, int fromVersion) {}

  public static boolean isNotebook(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".ipynb") || name.endsWith(".py");
  }

  public static boolean isJupytext(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".py");
  }

  public static Notebook read(Path file) {
    return readWithUpgrades(file).notebook();
  }

  /**
   * The notebook as nbgrader's generate_assignment reads it: a {@code .ipynb} as it is (old metadata is then an
   * error), a {@code .py} as jupytext's notebook after {@code nbgrader update} (nbgrader cannot read it otherwise).
   */
  public static ReadNotebook readAsNbgrader(Path file) {
    if (isJupytext(file)) {
      ReadNotebook read = readWithUpgrades(file);
      return new ReadNotebook(read.notebook(), List.of(), read.lines());
    }
    check(file);
    return new ReadNotebook(
        NotebookReader.parse(readBytes(file), file.toString()), List.of(), CellLines.NONE);
  }

  public static ReadNotebook readWithUpgrades(Path file) {
    check(file);
    return parse(readBytes(file), file.toString());
  }

  private static void check(Path file) {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new NotebookFormatException(name + ": is a directory, not a notebook");
    }
    if (!isNotebook(file)) {
      if (!Files.exists(file)) {
        throw new NotebookFormatException(name + ": no such file");
      }
      throw new NotebookFormatException(
          name + ": not a notebook: tito reads .ipynb files and jupytext percent .py files");
    }
  }

  /**
   * A notebook from its bytes (e.g. a key of a Secret), read as {@link #readWithUpgrades} reads the file
   * {@code name}: jupytext when the name ends in {@code .py}, with the same in-memory schema upgrade.
   */
  public static ReadNotebook parse(byte[] bytes, String name) {
    if (!name.toLowerCase(Locale.ROOT).endsWith(".py")) {
      Notebook notebook = NotebookReader.parse(bytes, name);
      return new ReadNotebook(notebook, upgradeOldMetadata(notebook), CellLines.NONE);
    }
    JupytextReader.Parsed parsed = JupytextReader.read(bytes, name);
    return new ReadNotebook(
        parsed.notebook(), upgradeOldMetadata(parsed.notebook()), parsed.lines());
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
        throw new NotebookFormatException(
            String.format(
                "%s: notebook is %.1f MB, larger than the %d MB limit",
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
