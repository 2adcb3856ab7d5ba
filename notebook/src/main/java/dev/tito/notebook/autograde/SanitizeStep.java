package dev.tito.notebook.autograde;

import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.Notebook;

/** One step of autograde's first pass, which makes a submission safe to execute and score. */
interface SanitizeStep {
  void apply(Notebook submission, NotebookRows rows, GradingLog log);
}
