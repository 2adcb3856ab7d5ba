package dev.tito.notebook.autograde;

import dev.tito.notebook.ipynb.Notebook;
import java.util.Map;

/** A graded submission: its result and the autograded notebooks by name (without {@code .ipynb}). */
public record GradedSubmission(GradingResult result, Map<String, Notebook> autograded) {}
