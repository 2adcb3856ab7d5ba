package dev.tito.notebook.fuzz;

import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.StudentRelease;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.TreeMap;

/** The gradebook of nbgrader's documentation course (ps1/problem1 of the user guide), released once. */
final class CorpusRelease {
  static final String MODULE = "ps1";
  private static final String SOURCE =
      "/conformance/nbgrader/repo/nbgrader/docs/source/user_guide/source/ps1/problem1.ipynb";
  static final String NOTEBOOK = "problem1";
  static final NotebookRows ROWS =
      StudentRelease.release(
              NotebookReader.parse(resource(SOURCE), "problem1.ipynb"), ReleaseOptions.defaults())
          .gradebookRows();
  static final ReleaseGradebook GRADEBOOK =
      new ReleaseGradebook(null, new TreeMap<>(java.util.Map.of(NOTEBOOK, ROWS)));

  private CorpusRelease() {}

  private static byte[] resource(String name) {
    try (InputStream in = CorpusRelease.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
