package dev.tito.notebook.release;

import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.Notebook;

/** The student's notebook and the gradebook rows autograde needs to grade it. */
public record ReleasedNotebook(Notebook student, ReleaseGradebook.NotebookRows gradebookRows) {}
