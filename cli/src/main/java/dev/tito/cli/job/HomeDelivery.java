package dev.tito.cli.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The delivery rules of docs/grading-jobs.md for one assignment folder in a student's home: a new file is
 * written, an identical one left alone, a different one (the student's work) kept and the release's version
 * written beside it as {@code <stem>.<revision><ext>}; every write through a temporary file and a rename;
 * {@code .tito-delivered} (the revision) last. Running it again changes nothing.
 */
final class HomeDelivery {
  static final String MARKER = ".tito-delivered";

  /** What one delivery did, for the Job's log. */
  record Report(int written, int beside, int unchanged, int kept) {
    @Override
    public String toString() {
      return written
          + " written, "
          + beside
          + " beside the student's changed copy, "
          + unchanged
          + " unchanged"
          + (kept > 0 ? ", " + kept + " left alone (the student changed the copy beside too)" : "");
    }
  }

  private final Path folder;
  private final String revision;

  HomeDelivery(Path folder, String revision) {
    this.folder = folder;
    this.revision = revision;
  }

  Report deliver(MountedFiles release) {
    int written = 0;
    int beside = 0;
    int unchanged = 0;
    int kept = 0;
    try {
      GroupAccess.createFolders(folder);
      for (String path : release.paths()) {
        byte[] bytes = release.bytes(path);
        Path file = folder.resolve(path);
        GroupAccess.createFolders(file.getParent());
        Placement placed = place(file, bytes);
        if (placed == Placement.OCCUPIED) {
          placed = place(file.resolveSibling(besideName(file.getFileName().toString())), bytes);
          beside += placed == Placement.WRITTEN ? 1 : 0;
          kept += placed == Placement.OCCUPIED ? 1 : 0;
        } else {
          written += placed == Placement.WRITTEN ? 1 : 0;
        }
        unchanged += placed == Placement.UNCHANGED ? 1 : 0;
      }
      Path marker = folder.resolve(MARKER);
      byte[] record = (revision + "\n").getBytes(StandardCharsets.UTF_8);
      if (!sameContent(marker, record)) {
        write(marker, record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(folder + ": cannot deliver: " + describe(e), e);
    }
    return new Report(written, beside, unchanged, kept);
  }

  private enum Placement {
    WRITTEN,
    UNCHANGED,
    OCCUPIED
  }

  /** Writes the file where nothing is; never replaces what is there. */
  private static Placement place(Path file, byte[] bytes) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      write(file, bytes);
      return Placement.WRITTEN;
    }
    return sameContent(file, bytes) ? Placement.UNCHANGED : Placement.OCCUPIED;
  }

  /** {@code 01_tensor.ipynb} → {@code 01_tensor.<revision>.ipynb}; a name without extension gets it at the end. */
  String besideName(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0
        ? name.substring(0, dot) + "." + revision + name.substring(dot)
        : name + "." + revision;
  }

  /** A regular file (not a link the student made) with exactly these bytes. */
  private static boolean sameContent(Path file, byte[] bytes) throws IOException {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        && Files.size(file) == bytes.length
        && Arrays.equals(Files.readAllBytes(file), bytes);
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tito-tmp");
    try {
      Files.write(temp, bytes);
      GroupAccess.grant(temp);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName().replace("Exception", "") + " " + e.getMessage();
  }
}
