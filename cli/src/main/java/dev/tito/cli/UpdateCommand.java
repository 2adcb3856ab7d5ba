package dev.tito.cli;

import dev.tito.notebook.course.ModuleSources;
import dev.tito.notebook.course.NotebookFiles;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.metadata.JupytextUpdate;
import dev.tito.notebook.metadata.NotebookUpdate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tito module update}: nbgrader update, for notebooks and for jupytext percent scripts too. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Upgrade old nbgrader metadata (no \"schema_version\": 3) in place, as nbgrader update does, in notebooks "
          + "and in jupytext .py files.",
      "In a .py, only the nbgrader={...} of its '# %%' lines change (nbgrader itself cannot read a .py).",
      "A file whose upgraded metadata does not validate is left unchanged. Exit 0 when every file was updated, "
          + "1 when one failed to validate, 2 when a path cannot be read."
    })
final class UpdateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Notebooks (.ipynb), jupytext .py files, or folders (searched for both, as nbgrader searches "
              + "folders for notebooks).")
  List<Path> paths;

  /** A path named that does not exist or is no notebook: exit 2, after the others were updated. */
  private boolean missing;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = 0;
    for (Path file : files(err)) {
      try {
        out.println(update(file));
      } catch (NotebookUpdate.UpdateFailedException e) {
        err.println("tito: " + UserErrorHandler.oneLine(e.getMessage()));
        exit = Math.max(exit, 1);
      } catch (NotebookFormatException e) {
        err.println("tito: " + UserErrorHandler.oneLine(e.getMessage()));
        exit = UserErrorHandler.USAGE_OR_IO;
      }
    }
    out.flush();
    err.flush();
    return missing ? UserErrorHandler.USAGE_OR_IO : exit;
  }

  private static String update(Path file) {
    if (NotebookFiles.isJupytext(file)) {
      int cells = JupytextUpdate.update(file).changedLines().size();
      return cells == 0
          ? file + ": up to date"
          : file + ": updated " + cells + " cell header" + (cells == 1 ? "" : "s");
    }
    NotebookUpdate.update(file, true);
    return file + ": updated";
  }

  /** The files named, and in folders every .ipynb and every .py with nbgrader cells (checkpoints skipped). */
  private List<Path> files(PrintWriter err) {
    TreeSet<Path> files = new TreeSet<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        err.println("tito: " + path + ": no such file or folder");
        missing = true;
      } else if (Files.isDirectory(path)) {
        files.addAll(NotebookUpdate.targets(List.of(path)).notebooks());
        files.addAll(gradedScripts(path));
      } else if (!NotebookFiles.isNotebook(path)) {
        err.println(
            "tito: "
                + path
                + ": not a notebook: tito updates .ipynb files and jupytext percent .py files");
        missing = true;
      } else {
        files.add(path);
      }
    }
    return new ArrayList<>(files);
  }

  private static List<Path> gradedScripts(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(file -> file.toString().endsWith(".py") && Files.isRegularFile(file))
          .filter(file -> !dir.relativize(file).toString().contains(".ipynb_checkpoints"))
          .filter(
              file ->
                  ModuleSources.contentOf(file, text(file)) == ModuleSources.Content.GRADED_CELLS)
          .toList();
    } catch (IOException e) {
      throw new NotebookFormatException(dir + ": cannot list: " + e.getMessage());
    }
  }

  private static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new NotebookFormatException(file + ": cannot read: " + e.getMessage());
    }
  }
}
