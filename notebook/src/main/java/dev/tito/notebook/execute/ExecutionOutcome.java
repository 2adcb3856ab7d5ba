package dev.tito.notebook.execute;

import dev.tito.notebook.ipynb.Notebook;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a run gave back.
 *
 * @param executed the executed notebook, or null when the run produced none worth scoring
 * @param failure {@link FailureClass#OK}, or why the run failed
 * @param message one line for the user; empty when OK
 * @param elapsed wall time of the run
 * @param tampering what the kernel's guard found around each test cell (by cell index): what student code did to the
 *     kernel's execution path before or during that test, undone or not (docs/security.md); empty when nothing
 * @param usage the kernel's peak memory and each cell's time, where the executor measured them
 */
public record ExecutionOutcome(
    Notebook executed,
    FailureClass failure,
    String message,
    Duration elapsed,
    Map<Integer, List<String>> tampering,
    ExecutionUsage usage) {

  public ExecutionOutcome(
      Notebook executed, FailureClass failure, String message, Duration elapsed) {
    this(executed, failure, message, elapsed, Map.of(), ExecutionUsage.NONE);
  }

  public static ExecutionOutcome failed(FailureClass failure, String message, Duration elapsed) {
    return new ExecutionOutcome(null, failure, message, elapsed);
  }

  public ExecutionOutcome withTampering(Map<Integer, List<String>> found) {
    return new ExecutionOutcome(executed, failure, message, elapsed, Map.copyOf(found), usage);
  }

  public ExecutionOutcome withUsage(ExecutionUsage measured) {
    return new ExecutionOutcome(executed, failure, message, elapsed, tampering, measured);
  }
}
