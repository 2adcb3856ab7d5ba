package dev.tito.cli.job;

import picocli.CommandLine.Command;

/** {@code tito job}: the trusted steps of grading and delivery Jobs (docs/grading-jobs.md); hidden from help. */
@Command(name = "job", hidden = true, mixinStandardHelpOptions = true,
    description = "The in-Job steps of grading and delivery Jobs (docs/grading-jobs.md).",
    subcommands = {PrepareStep.class, ScoreStep.class, DeliverStep.class})
public final class JobCommand {
}
