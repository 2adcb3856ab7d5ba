package dev.tito.cli;

import dev.tito.cli.bench.BenchCommand;
import dev.tito.cli.job.JobCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code tito} command line. */
@Command(
    name = "tito",
    mixinStandardHelpOptions = true,
    version = "tito 0.1.0",
    description =
        "Jupyter-notebook courses as a platform: validate, release and grade nbgrader modules, submit.",
    footer = {"", "Exit codes: 0 ok, 1 gate, release or grading failures, 2 usage or I/O error."},
    subcommands = {
      ModuleCommand.class,
      SubmitCommand.class,
      GradesCommand.class,
      ConsoleCommand.class,
      ClassroomCommand.class,
      BenchCommand.class,
      JobCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Tito implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "On an unexpected error, print the stack trace too.")
  boolean debug;

  /** {@code tito} alone: the help, on stderr, and exit 2 (a command is missing). */
  @Override
  public Integer call() {
    return UsageErrors.missingSubcommand(spec.commandLine());
  }

  /** The command line with tito's error handling: what {@link #main} runs, and what tests run. */
  public static CommandLine commandLine() {
    return commandLineOn(ClusterConnection.KUBECONFIG);
  }

  /** The command line whose cluster commands reach the cluster through {@code connection}. */
  public static CommandLine commandLineOn(ClusterConnection connection) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    return commandLine(
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            K made = defaults.create(type);
            if (made instanceof UsesCluster command) {
              command.connectWith(connection);
            }
            return made;
          }
        });
  }

  /** The command line whose commands come from factory (tests give {@code tito submit} a cluster and a pod). */
  public static CommandLine commandLine(CommandLine.IFactory factory) {
    CommandLine commandLine = new CommandLine(new Tito(), factory);
    commandLine.setExecutionExceptionHandler(new UserErrorHandler());
    commandLine.setParameterExceptionHandler(new UsageErrors());
    return commandLine;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
