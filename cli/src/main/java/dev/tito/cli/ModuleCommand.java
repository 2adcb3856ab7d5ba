package dev.tito.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tito module}: what an instructor does with the modules (nbgrader: assignments) of a course. */
@Command(
    name = "module",
    mixinStandardHelpOptions = true,
    description = "Validate, release, grade and benchmark course modules (nbgrader assignments).",
    subcommands = {
      ValidateCommand.class,
      ReleaseCommand.class,
      GradeCommand.class,
      UpdateCommand.class,
      BenchmarkCommand.class
    })
final class ModuleCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return UsageErrors.missingSubcommand(spec.commandLine());
  }
}
