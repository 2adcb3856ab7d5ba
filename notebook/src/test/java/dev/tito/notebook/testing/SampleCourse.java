package dev.tito.notebook.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The repository's sample course (samples/course), copied so a test can release, grade and grade it by hand. */
public final class SampleCourse {
  private SampleCourse() {}

  /** A copy in {@code dir/course}, without any release or gradebook a developer's run left in the sample. */
  public static Path in(Path dir) {
    Path sample =
        Path.of(System.getProperty("user.dir")).resolveSibling("samples").resolve("course");
    Path copy = dir.resolve("course");
    copyTree(sample, copy);
    return copy;
  }

  /** Copies a course folder but its {@code release/} and {@code .tito/}. */
  public static void copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        Path relative = from.relativize(path);
        if (relative.toString().startsWith("release") || relative.toString().startsWith(".tito")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
