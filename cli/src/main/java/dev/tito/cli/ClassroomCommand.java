package dev.tito.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tito classroom}: set up a class on the current cluster and watch it. */
@Command(
    name = "classroom",
    mixinStandardHelpOptions = true,
    description = "Set up a Classroom on the current cluster (kubeconfig) and see how it is doing.",
    subcommands = {ClassroomSetupCommand.class, ClassroomStatusCommand.class})
final class ClassroomCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return UsageErrors.missingSubcommand(spec.commandLine());
  }
}
