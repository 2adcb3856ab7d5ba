package dev.tito.notebook.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tito.notebook.autograde.AutogradedNotebook;
import dev.tito.notebook.autograde.NotebookAutograder;
import dev.tito.notebook.execute.ExecutionLimits;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Any readable notebook handed in as an executed submission of nbgrader's documentation course: the sanitise
 * steps and scoring never throw, and no test scores outside [0, its points].
 */
class AutogradeFuzzTest {
  private static final NotebookAutograder AUTOGRADER =
      new NotebookAutograder(
          (file, notebook, dataDirs, limits, purpose) -> {
            throw new AssertionError("execute=false must not run the notebook");
          },
          ExecutionLimits.defaults());

  @FuzzTest
  @Timeout(10)
  void gradeWithoutExecuting(byte[] bytes) {
    FuzzContract.readable(bytes)
        .ifPresent(
            submission -> {
              AutogradedNotebook graded =
                  AUTOGRADER.grade(
                      CorpusRelease.NOTEBOOK, submission, CorpusRelease.ROWS, List.of(), false);
              FuzzContract.withinPoints(graded.grade().tests());
            });
  }
}
