package dev.tito.notebook.autograde;

import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionOutcome;
import dev.tito.notebook.execute.ExecutionPurpose;
import dev.tito.notebook.execute.FailureClass;
import dev.tito.notebook.execute.NotebookExecutor;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.Notebook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Autograde of one notebook, nbgrader's two passes: sanitise (restore what the release recorded),
 * then execute, limit outputs and score. A failed run gives its failure class and zero for the
 * autograded tests; it never throws for anything the student did.
 */
public final class NotebookAutograder {
  private final NotebookExecutor executor;
  private final ExecutionLimits limits;

  public NotebookAutograder(NotebookExecutor executor, ExecutionLimits limits) {
    this.executor = executor;
    this.limits = limits;
  }

  /**
   * @param submission the student's notebook, or null when it was not handed in
   * @param dataDirs the module's data files for the run (later folders win)
   */
  public AutogradedNotebook grade(
      String name, Notebook submission, NotebookRows rows, List<Path> dataDirs, boolean execute) {
    double max =
        rows.gradeCells().values().stream().mapToDouble(g -> g.maxScore()).sum()
            + rows.taskCells().values().stream().mapToDouble(g -> g.maxScore()).sum();
    if (submission == null) {
      ScoreCells.Scores scores = ScoreCells.notSubmitted(rows);
      return new AutogradedNotebook(
          null,
          grade(
              name,
              false,
              FailureClass.OK,
              "",
              scores,
              max,
              List.of("No submitted file: " + name + ".ipynb"),
              new Timings(0, 0, 0)));
    }
    long start = System.nanoTime();
    SanitizedNotebook sanitize = SanitizedNotebook.of(submission, rows, !execute);
    Notebook sanitized = sanitize.notebook();
    long sanitizeMillis = millis(System.nanoTime() - start);
    Notebook executed = sanitized;
    ExecutionOutcome outcome = new ExecutionOutcome(sanitized, FailureClass.OK, "", Duration.ZERO);
    if (sanitize.invalidMetadata() != null) {
      outcome =
          ExecutionOutcome.failed(
              FailureClass.INVALID_NOTEBOOK, sanitize.invalidMetadata(), Duration.ZERO);
    } else if (execute) {
      outcome =
          executor.execute(
              name + ".ipynb", sanitized, dataDirs, limits, ExecutionPurpose.AUTOGRADE);
      executed = outcome.executed() != null ? outcome.executed() : sanitized;
      LimitOutput.apply(executed);
    }
    long scoreStart = System.nanoTime();
    String failure =
        outcome.executed() == null ? outcome.failure().wireName() + ": " + outcome.message() : null;
    ScoreCells.Scores scores = ScoreCells.score(executed, rows, failure, outcome.tampering());
    Timings timings =
        new Timings(
            sanitizeMillis, outcome.elapsed().toMillis(), millis(System.nanoTime() - scoreStart));
    return new AutogradedNotebook(
        executed,
        grade(
            name,
            true,
            outcome.failure(),
            outcome.message(),
            scores,
            max,
            sanitize.notes(),
            timings),
        outcome.usage());
  }

  private static NotebookGrade grade(
      String name,
      boolean submitted,
      FailureClass failure,
      String message,
      ScoreCells.Scores scores,
      double max,
      List<String> notes,
      Timings timings) {
    double score = scores.tests().stream().mapToDouble(TestResult::score).sum();
    boolean manual = scores.tests().stream().anyMatch(TestResult::needsManualGrade);
    return new NotebookGrade(
        name,
        submitted,
        failure.wireName(),
        message,
        score,
        max,
        0,
        manual,
        scores.tests(),
        scores.comments(),
        notes,
        timings);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
