package dev.tito.cli;

import dev.tito.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code tito} command line. */
@Command(
    name = "tito",
    mixinStandardHelpOptions = true,
    version = "tito 0.1.0",
    description = "Jupyter-notebook courses as a platform: validate, release and grade nbgrader modules.",
    footer = {"", "Exit codes: 0 ok, 1 gate, release or grading failures, 2 usage or I/O error."},
    subcommands = {ModuleCommand.class, GradesCommand.class, ClassroomCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Tito implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "On an unexpected error, print the stack trace too.")
  boolean debug;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with tito's error handling: what {@link #main} runs, and what tests run. */
  public static CommandLine commandLine() {
    return commandLine(ClusterConnection.KUBECONFIG);
  }

  /** The command line whose cluster commands reach the cluster through {@code connection}. */
  public static CommandLine commandLine(ClusterConnection connection) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K made = defaults.create(type);
        if (made instanceof UsesCluster command) {
          command.connectWith(connection);
        }
        return made;
      }
    };
    CommandLine commandLine = new CommandLine(new Tito(), factory);
    commandLine.setExecutionExceptionHandler(new UserErrorHandler());
    return commandLine;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
