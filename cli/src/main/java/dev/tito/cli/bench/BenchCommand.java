package dev.tito.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tito bench}: speed measurements (hidden: for developers, see docs/benchmarks.md). */
@Command(
    name = "bench",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Speed benchmarks; see docs/benchmarks.md.",
    subcommands = {ThroughputBench.class, GenerateCourse.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: throughput or course");
  }
}
