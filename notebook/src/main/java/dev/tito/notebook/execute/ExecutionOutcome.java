package dev.tito.notebook.execute;

import dev.tito.notebook.ipynb.Notebook;
import java.time.Duration;

/**
 * What a run gave back.
 *
 * @param executed the executed notebook, or null when the run produced none worth scoring
 * @param failure {@link FailureClass#OK}, or why the run failed
 * @param message one line for the user; empty when OK
 * @param elapsed wall time of the run
 */
public record ExecutionOutcome(Notebook executed, FailureClass failure, String message, Duration elapsed) {

  public static ExecutionOutcome failed(FailureClass failure, String message, Duration elapsed) {
    return new ExecutionOutcome(null, failure, message, elapsed);
  }
}
