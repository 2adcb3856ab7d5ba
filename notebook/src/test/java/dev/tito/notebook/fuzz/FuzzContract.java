package dev.tito.notebook.fuzz;

import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import java.util.List;
import java.util.Optional;

/**
 * The contract every fuzz target checks: the code under test either succeeds or throws one of the
 * module's own user exceptions with a one-line message. Anything else (an unchecked exception, a
 * stack overflow, an error) escapes to Jazzer as a finding.
 */
final class FuzzContract {
  private FuzzContract() {}

  /** Runs {@code action}; an exception of one of {@code allowed} must carry a one-line message. */
  @SafeVarargs
  static void allow(Runnable action, Class<? extends RuntimeException>... allowed) {
    try {
      action.run();
    } catch (RuntimeException e) {
      if (List.of(allowed).stream().noneMatch(type -> type.isInstance(e))) {
        throw e;
      }
      String message = e.getMessage();
      if (message == null || message.isBlank() || message.contains("\n")) {
        throw new AssertionError(
            "not a one-line user error: " + e.getClass().getName() + ": " + message, e);
      }
    }
  }

  /** The fuzzed bytes as a notebook, when they are one: the targets after the reader start from there. */
  static Optional<Notebook> readable(byte[] bytes) {
    try {
      return Optional.of(NotebookReader.parse(bytes, "fuzzed.ipynb"));
    } catch (NotebookFormatException notANotebook) {
      return Optional.empty();
    }
  }

  /** No test may score outside [0, its points], whatever the input. */
  static void withinPoints(List<TestResult> tests) {
    for (TestResult test : tests) {
      if (!(test.score() >= 0 && test.score() <= test.maxScore())) {
        throw new AssertionError(
            test.gradeId() + " scored " + test.score() + " of " + test.maxScore());
      }
    }
  }
}
