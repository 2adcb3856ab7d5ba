package dev.tito.notebook.execute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.ipynb.Notebook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the worker says a run ended ({@code outcome}: executed, deadline, cell_timeout, dead_kernel, not_started,
 * too_much_output, invalid_notebook or error), the exception it saw and the tail of the kernel's own output; turned
 * into what tito reports. Only an executed notebook is scored, once it passed {@link ExecutedNotebook#check}.
 */
record WorkerReport(String outcome, String detail, String kernelLog, ExecutionUsage usage) {

  WorkerReport(String outcome, String detail, String kernelLog) {
    this(outcome, detail, kernelLog, ExecutionUsage.NONE);
  }

  static WorkerReport of(JsonNode done) {
    List<Double> seconds = new ArrayList<>();
    done.path("cellSeconds").forEach(cell -> seconds.add(cell.asDouble()));
    JsonNode peak = done.path("kernelPeakBytes");
    return new WorkerReport(
        done.path("outcome").asText(),
        done.path("detail").asText(),
        done.path("log").asText(),
        new ExecutionUsage(peak.canConvertToLong() ? peak.asLong() : null, seconds));
  }

  ExecutionOutcome outcome(
      byte[] executed, Notebook sent, ExecutionLimits limits, Duration elapsed) {
    return failureOrNotebook(executed, sent, limits, elapsed).withUsage(usage);
  }

  private ExecutionOutcome failureOrNotebook(
      byte[] executed, Notebook sent, ExecutionLimits limits, Duration elapsed) {
    return switch (outcome) {
      case "executed" -> ExecutedNotebook.check(executed, sent, elapsed);
      case "deadline" ->
          ExecutionOutcome.failed(FailureClass.TIMEOUT, deadlineMessage(limits), elapsed);
      case "cell_timeout" ->
          ExecutionOutcome.failed(
              FailureClass.TIMEOUT,
              "a cell ran past the "
                  + (limits.perCellTimeout() == null
                      ? ""
                      : limits.perCellTimeout().toSeconds() + " s ")
                  + "per-cell timeout and the kernel could not be interrupted",
              elapsed);
      case "too_much_output" ->
          ExecutionOutcome.failed(
              FailureClass.INVALID_NOTEBOOK,
              "the executed notebook is larger "
                  + "than the "
                  + (ExecutedNotebook.MAX_BYTES >> 20)
                  + " MiB limit (too much output)",
              elapsed);
      case "invalid_notebook" ->
          ExecutionOutcome.failed(
              FailureClass.INVALID_NOTEBOOK,
              "Jupyter could not read the notebook: " + lastLine(detail, "no message from Jupyter"),
              elapsed);
      case "dead_kernel", "not_started" ->
          ranOutOfMemory()
              ? ExecutionOutcome.failed(FailureClass.OUT_OF_MEMORY, memoryMessage(limits), elapsed)
              : ExecutionOutcome.failed(
                  FailureClass.KERNEL_DIED,
                  (outcome.equals("not_started")
                          ? "the kernel did not start: "
                          : "the kernel died: ")
                      + lastLine(kernelLog, lastLine(detail, "")),
                  elapsed);
      default ->
          ExecutionOutcome.failed(
              FailureClass.KERNEL_DIED,
              "the grading run failed: " + lastLine(detail, "no message from the worker"),
              elapsed);
    };
  }

  static String deadlineMessage(ExecutionLimits limits) {
    return "execution exceeded the deadline of " + limits.deadline().toSeconds() + " s";
  }

  private boolean ranOutOfMemory() {
    return kernelLog.contains("MemoryError") || kernelLog.contains("Cannot allocate memory");
  }

  private static String memoryMessage(ExecutionLimits limits) {
    return "the kernel ran out of memory (limit " + (limits.memoryBytes() >> 20) + " MiB)";
  }

  static String lastLine(String text, String otherwise) {
    String[] lines = text.strip().split("\n");
    String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
    return last.isEmpty() ? otherwise : last.length() > 300 ? last.substring(0, 300) + "..." : last;
  }
}
