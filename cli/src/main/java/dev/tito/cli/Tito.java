package dev.tito.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tito} command line. */
@Command(
    name = "tito",
    mixinStandardHelpOptions = true,
    version = "tito 0.1.0",
    description = "Jupyter-notebook courses as a platform: validate, release and grade nbgrader modules.",
    subcommands = {CommandLine.HelpCommand.class, ModuleCommand.class, GradesCommand.class})
public final class Tito implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Tito()).execute(args));
  }
}
