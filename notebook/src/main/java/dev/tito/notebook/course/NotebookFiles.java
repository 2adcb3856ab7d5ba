package dev.tito.notebook.course;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.jupytext.JupytextReader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a notebook file of either kind tito accepts: {@code .ipynb}, or a jupytext percent {@code .py}. */
public final class NotebookFiles {
  private NotebookFiles() {}

  public static boolean isNotebook(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".ipynb") || name.endsWith(".py");
  }

  public static boolean isJupytext(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".py");
  }

  public static Notebook read(Path file) {
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
    byte[] bytes = readBytes(file);
    return isJupytext(file) ? JupytextReader.parse(bytes, name) : NotebookReader.parse(bytes, name);
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
