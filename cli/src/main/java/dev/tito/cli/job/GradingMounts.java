package dev.tito.cli.job;

import dev.tito.notebook.gradebook.ReleaseGradebook;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags the prepare and score steps share: where the grading Job mounts the gradebook, submission and work. */
final class GradingMounts {
  @Option(
      names = "--gradebook",
      required = true,
      paramLabel = "FILE",
      description = "gradebook.json of the release")
  Path gradebookFile;

  @Option(
      names = "--assignment",
      required = true,
      paramLabel = "NAME",
      description = "the assignment (module)")
  String assignment;

  @Option(
      names = "--submission",
      required = true,
      paramLabel = "DIR",
      description = "the submitted files")
  Path submission;

  @Option(
      names = "--work",
      required = true,
      paramLabel = "DIR",
      description = "the Job's work folder")
  Path work;

  /** The assignment's rows; the submission folder checked too (a bad one is one line, exit 2). */
  ReleaseGradebook gradebook() {
    ReleaseGradebook gradebook = JobInputs.gradebook(gradebookFile, assignment);
    JobInputs.folder(submission, "submission");
    return gradebook;
  }
}
