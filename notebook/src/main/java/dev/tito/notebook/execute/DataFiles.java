package dev.tito.notebook.execute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/** Copies a module's data files (never notebooks or grading state) and removes temporary trees. */
public final class DataFiles {
  /** Never handed to student code: grading state, notebooks (other students' or the instructor's). */
  private static final Set<String> SKIPPED_NAMES =
      Set.of(".tito", ".ipynb_checkpoints", "__pycache__", "timestamp.txt");

  private DataFiles() {}

  /** Whether the file at this '/'-separated path inside a submission or release is handed to the run. */
  public static boolean isDataFile(String relativePath) {
    String[] names = relativePath.split("/");
    for (String name : names) {
      if (SKIPPED_NAMES.contains(name)) {
        return false;
      }
    }
    return !names[names.length - 1].endsWith(".ipynb");
  }

  public static void copy(Path from, Path to) {
    copy(from, to, file -> false);
  }

  /** As {@link #copy(Path, Path)}, also leaving out the files {@code alsoSkipped} accepts. */
  public static void copy(Path from, Path to, java.util.function.Predicate<Path> alsoSkipped) {
    try {
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              if (!dir.equals(from) && SKIPPED_NAMES.contains(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              Files.createDirectories(to.resolve(from.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (attrs.isRegularFile()
                  && isDataFile(from.relativize(file).toString())
                  && !alsoSkipped.test(file)) {
                Files.copy(
                    file,
                    to.resolve(from.relativize(file).toString()),
                    StandardCopyOption.REPLACE_EXISTING);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(from + ": cannot copy data files: " + e.getMessage(), e);
    }
  }
}
