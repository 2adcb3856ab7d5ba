package dev.tito.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tito module}: work on one module (assignment) of a course. */
@Command(name = "module", mixinStandardHelpOptions = true, description = "Validate, release and grade a module.",
    subcommands = {ValidateCommand.class, GradeCommand.class})
public final class ModuleCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
