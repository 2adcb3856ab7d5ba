package dev.tito.notebook.reference;

import dev.tito.notebook.autograde.AutogradedNotebook;
import dev.tito.notebook.gates.ModuleNotebook;
import java.time.Duration;

/**
 * One notebook's reference solution and its student release, each graded by the autograder.
 *
 * @param solution the instructor's notebook, solutions in place, graded as a submission
 * @param solutionTime the wall time of grading it (restore, run, score), as {@code tito module grade} spends it
 * @param release the student release graded as a submission, or null when it was not run
 */
public record NotebookRuns(
    ModuleNotebook notebook,
    AutogradedNotebook solution,
    Duration solutionTime,
    AutogradedNotebook release) {}
