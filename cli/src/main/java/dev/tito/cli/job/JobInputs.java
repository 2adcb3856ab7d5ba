package dev.tito.cli.job;

import dev.tito.notebook.autograde.CourseGrading;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the prepare and score steps read from their mounts before anything else: a bad one is an I/O error. */
final class JobInputs {
  private JobInputs() {}

  /** The assignment's rows from the gradebook Secret's {@code gradebook.json}. */
  static ReleaseGradebook gradebook(Path file, String assignment) {
    if (!Files.isRegularFile(file)) {
      throw failure(file + ": no such gradebook file");
    }
    try {
      return CourseGrading.readGradebook(file, assignment);
    } catch (IllegalArgumentException e) {
      throw failure(e.getMessage());
    }
  }

  static Path folder(Path folder, String what) {
    if (!Files.isDirectory(folder)) {
      throw failure(folder + ": no such " + what + " folder");
    }
    return folder;
  }

  /** Printed by tito's error handler as one line, exit 2. */
  static UncheckedIOException failure(String message) {
    return new UncheckedIOException(message, new IOException(message));
  }
}
