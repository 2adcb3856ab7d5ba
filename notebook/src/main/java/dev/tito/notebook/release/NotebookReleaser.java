package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Notebook;
import java.nio.file.Path;

/** Makes the release of one notebook of a module; throws {@link ReleaseException} when it cannot be released. */
@FunctionalInterface
public interface NotebookReleaser {
  ReleasedNotebook release(Path file, Notebook notebook);

  /** nbgrader's release and nothing else. */
  static NotebookReleaser of(ReleaseOptions options) {
    return (file, notebook) -> StudentRelease.release(notebook, options);
  }
}
