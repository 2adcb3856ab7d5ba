package dev.tito.cli.job;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tito job}: the trusted steps of grading and delivery Jobs (docs/grading-jobs.md); hidden from help. */
@Command(
    name = "job",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "The in-Job steps of grading and delivery Jobs (docs/grading-jobs.md).",
    subcommands = {PrepareStep.class, ScoreStep.class, DeliverStep.class})
public final class JobCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing step: prepare, score or deliver");
  }
}
