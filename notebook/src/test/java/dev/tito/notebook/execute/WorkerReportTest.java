package dev.tito.notebook.execute;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How the worker's word on a run becomes the failure class and the one line a user reads. */
class WorkerReportTest {
  private static final Notebook SENT = notebook(code("x = 1"));
  private static final ExecutionLimits LIMITS =
      ExecutionLimits.defaults()
          .withPerCellTimeout(Duration.ofSeconds(7))
          .withDeadline(Duration.ofSeconds(90));

  static Stream<Arguments> reports() {
    return Stream.of(
        Arguments.of("executed", "", "", FailureClass.OK, ""),
        Arguments.of(
            "deadline", "", "", FailureClass.TIMEOUT, "execution exceeded the deadline of 90 s"),
        Arguments.of(
            "cell_timeout",
            "CellTimeoutError: Timeout waiting for IOPub output",
            "",
            FailureClass.TIMEOUT,
            "a cell ran past the 7 s per-cell timeout and the kernel could not be interrupted"),
        Arguments.of(
            "dead_kernel",
            "DeadKernelError: Kernel died",
            "",
            FailureClass.KERNEL_DIED,
            "the kernel died: DeadKernelError: Kernel died"),
        Arguments.of(
            "dead_kernel",
            "DeadKernelError: Kernel died",
            "Fatal Python error: Aborted\n",
            FailureClass.KERNEL_DIED,
            "the kernel died: Fatal Python error: Aborted"),
        Arguments.of(
            "dead_kernel",
            "DeadKernelError: Kernel died",
            "Traceback\nMemoryError\n",
            FailureClass.OUT_OF_MEMORY,
            "the kernel ran out of memory (limit 4096 MiB)"),
        Arguments.of(
            "not_started",
            "KernelNotStarted: Kernel died before replying to kernel_info",
            "the kernel could not be set up: PermissionError: [Errno 1] unshare: Operation not permitted\n",
            FailureClass.KERNEL_DIED,
            "the kernel did not start: the kernel could not be set up: PermissionError: [Errno 1] unshare: "
                + "Operation not permitted"),
        Arguments.of(
            "not_started",
            "KernelNotStarted: Kernel died",
            "OSError: [Errno 12] Cannot allocate memory",
            FailureClass.OUT_OF_MEMORY,
            "the kernel ran out of memory (limit 4096 MiB)"),
        Arguments.of(
            "too_much_output",
            "TooMuchOutput",
            "",
            FailureClass.INVALID_NOTEBOOK,
            "the executed notebook is larger than the 256 MiB limit (too much output)"),
        Arguments.of(
            "invalid_notebook",
            "ValidationError: 'outputs' is a required property",
            "",
            FailureClass.INVALID_NOTEBOOK,
            "Jupyter could not read the notebook: ValidationError: 'outputs' is a "
                + "required property"),
        Arguments.of(
            "error",
            "KeyError: 'content'",
            "",
            FailureClass.KERNEL_DIED,
            "the grading run failed: KeyError: 'content'"));
  }

  @ParameterizedTest(name = "{0} -> {3}: {4}")
  @MethodSource("reports")
  void aRunEndsWithItsFailureClassAndOneLine(
      String outcome, String detail, String log, FailureClass failure, String message) {
    ExecutionOutcome result =
        new WorkerReport(outcome, detail, log)
            .outcome(NotebookWriter.toBytes(SENT), SENT, LIMITS, Duration.ZERO);

    assertThat(result.failure()).isEqualTo(failure);
    assertThat(result.message()).isEqualTo(message);
    assertThat(result.executed() != null).isEqualTo(failure == FailureClass.OK);
  }

  @org.junit.jupiter.api.Test
  void theCellTimesAndTheKernelsPeakMemoryTheWorkerMeasuredComeWithTheOutcome() throws Exception {
    com.fasterxml.jackson.databind.JsonNode done =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                "{\"op\": \"done\", \"outcome\": \"dead_kernel\", \"detail\": \"DeadKernelError\", \"log\": \"\", "
                    + "\"cellSeconds\": [0.25, 1.5], \"kernelPeakBytes\": 73400320}");

    ExecutionOutcome result =
        WorkerReport.of(done).outcome(new byte[0], SENT, LIMITS, Duration.ZERO);

    assertThat(result.failure()).isEqualTo(FailureClass.KERNEL_DIED);
    assertThat(result.usage().cellSeconds()).containsExactly(0.25, 1.5);
    assertThat(result.usage().kernelPeakBytes()).isEqualTo(73400320L);
  }
}
