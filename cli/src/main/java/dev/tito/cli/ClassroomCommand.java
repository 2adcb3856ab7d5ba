package dev.tito.cli;

import picocli.CommandLine.Command;

/** {@code tito classroom}: set up a class on the current cluster and watch it. */
@Command(name = "classroom", mixinStandardHelpOptions = true,
    description = "Set up a Classroom on the current cluster (kubeconfig) and see how it is doing.",
    subcommands = {ClassroomSetupCommand.class, ClassroomStatusCommand.class})
final class ClassroomCommand {}
