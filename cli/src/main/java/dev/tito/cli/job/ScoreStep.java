package dev.tito.cli.job;

import dev.tito.notebook.autograde.GradedSubmission;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.LatePolicy;
import dev.tito.notebook.autograde.NotebookAutograder;
import dev.tito.notebook.autograde.SubmissionGrader;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.feedback.FeedbackPage;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.PythonFloat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tito job score}, the grading Job's last container (it never runs student code): grades the submission
 * as {@code tito module grade} does, with the execute container's notebooks in place of a local kernel, and
 * prints the one result line the operator reads from its log.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Score <work>/executed/<nb>.ipynb against the gradebook and print one line "
          + "{\"tito\":\"grading-result\",\"result\":...,\"feedback\":\"...\"}.",
      "Exit 0 printed, 2 I/O error or bad flags."
    })
final class ScoreStep implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GradingMounts mounts;

  @Option(names = "--student", required = true, paramLabel = "ID", description = "the student")
  String student;

  @Option(
      names = "--termination-log",
      paramLabel = "FILE",
      description = "where to write score/max (default: ${DEFAULT-VALUE}; skipped when unwritable)")
  Path terminationLog = Path.of("/dev/termination-log");

  @Override
  public Integer call() {
    ReleaseGradebook gradebook = mounts.gradebook();
    SubmissionGrader grader =
        new SubmissionGrader(
            new NotebookAutograder(
                new ExecutedNotebooks(mounts.work.resolve("executed")), ExecutionLimits.defaults()),
            LatePolicy.NONE);
    GradedSubmission graded =
        grader.gradeUntimed(mounts.assignment, student, gradebook, mounts.submission);
    PrintWriter out = spec.commandLine().getOut();
    out.println(GradingResultLine.of(graded.result(), FeedbackPage.render(graded)));
    out.flush();
    writeSummary(graded.result());
    return 0;
  }

  /** Kubernetes shows the termination message in the pod's status; the log line is what counts. */
  private void writeSummary(GradingResult result) {
    try {
      Files.writeString(
          terminationLog,
          PythonFloat.repr(result.score()) + "/" + PythonFloat.repr(result.maxScore()));
    } catch (IOException | UnsupportedOperationException e) {
      // outside a pod there is no termination log; the result line already says everything
    }
  }
}
