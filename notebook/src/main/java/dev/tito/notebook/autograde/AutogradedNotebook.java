package dev.tito.notebook.autograde;

import dev.tito.notebook.ipynb.Notebook;

/**
 * @param notebook the autograded notebook (restored sources, fresh outputs), or null when none was submitted
 * @param grade its scores
 */
public record AutogradedNotebook(Notebook notebook, NotebookGrade grade) {}
