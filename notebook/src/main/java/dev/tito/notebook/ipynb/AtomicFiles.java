package dev.tito.notebook.ipynb;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so a reader never sees it half-written: a temporary file beside it, then a move. */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path file, byte[] bytes) {
    Path parent = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(parent);
      temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
      Files.write(temp, bytes);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new NotebookFormatException(file + ": cannot write: " + describe(e));
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the move succeeded or the error above says why; a stray temp file is all that is left
        }
      }
    }
  }

  static String describe(IOException e) {
    String kind = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? kind : kind + " " + e.getMessage();
  }
}
