package dev.tito.notebook.autograde;

import dev.tito.notebook.execute.ExecutionUsage;
import dev.tito.notebook.ipynb.Notebook;

/**
 * @param notebook the autograded notebook (restored sources, fresh outputs), or null when none was submitted
 * @param grade its scores
 * @param usage what its run used (the kernel's peak memory, each cell's time), where the executor measured it
 */
public record AutogradedNotebook(Notebook notebook, NotebookGrade grade, ExecutionUsage usage) {
  public AutogradedNotebook(Notebook notebook, NotebookGrade grade) {
    this(notebook, grade, ExecutionUsage.NONE);
  }
}
