package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Notebook;

/** One step of the student-release pipeline (one of nbgrader's generate_assignment preprocessors). */
public interface ReleaseStep {
  /** Changes the notebook in place; throws {@link ReleaseException} when nbgrader would fail. */
  void apply(Notebook notebook);

  /** The step's name in errors: nbgrader's preprocessor name. */
  default String name() {
    return getClass().getSimpleName();
  }
}
