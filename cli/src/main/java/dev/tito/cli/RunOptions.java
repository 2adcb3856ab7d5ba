package dev.tito.cli;

import dev.tito.notebook.execute.ExecutionLimits;
import java.time.Duration;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How notebooks are run when a command runs them: the limits and slots of {@code tito module grade}. */
final class RunOptions {
  @Option(
      names = "--parallel",
      paramLabel = "N",
      description =
          "Notebooks run at once, each by its own grading worker (default: ${DEFAULT-VALUE}).")
  int parallel = 1;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "Per-cell timeout of a run, nbgrader's Execute.timeout (default: ${DEFAULT-VALUE}).")
  long timeout = 30;

  @Option(
      names = "--deadline",
      paramLabel = "SECONDS",
      description = "Wall time of a notebook's whole run (default: ${DEFAULT-VALUE}).")
  long deadline = 600;

  /** A usage error when these options are given to a run that runs no notebook (they would be silently ignored). */
  void onlyWhen(CommandLine commandLine, boolean runs, String what) {
    if (!runs
        && Stream.of("--parallel", "--timeout", "--deadline")
            .anyMatch(commandLine.getParseResult()::hasMatchedOption)) {
      throw new CommandLine.ParameterException(
          commandLine, "--parallel, --timeout and --deadline set how " + what);
    }
  }

  /** The limits of a grading run with these options; a usage error for a value below 1. */
  ExecutionLimits limits(CommandLine commandLine) {
    if (parallel < 1 || timeout < 1 || deadline < 1) {
      throw new CommandLine.ParameterException(
          commandLine, "--parallel, --timeout and --deadline must be at least 1");
    }
    return ExecutionLimits.defaults()
        .withPerCellTimeout(Duration.ofSeconds(timeout))
        .withDeadline(Duration.ofSeconds(deadline));
  }
}
