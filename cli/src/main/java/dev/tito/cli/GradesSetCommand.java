package dev.tito.cli;

import dev.tito.notebook.ipynb.PythonFloat;
import dev.tito.notebook.review.GradeRequest;
import dev.tito.notebook.review.ManualGrade;
import dev.tito.notebook.review.ManualGrading;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tito grades set MODULE STUDENT GRADE_ID --score S}: a person's grade of one cell. */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    description = {
      "Grade one cell of a student's graded submission by hand, as nbgrader's formgrader does.",
      "The score replaces the automatic one (extra credit is added on top), the cell no longer waits for a person, "
          + "and the grade counts until the student's answer changes. Locally the result, exports and feedback pages "
          + "change at once; with --cluster a Review is written and the operator updates the Submission and the "
          + "student's results.",
      "The later of two grades of one cell wins and says whose it replaced.",
      "Exit codes: 0 saved, 2 usage error (unknown student or cell, a score outside [0, the cell's points]) or I/O error."
    })
final class GradesSetCommand extends ManualGradingCommand {
  @Parameters(
      index = "0",
      paramLabel = "MODULE",
      description = "the module (with --cluster: the Assignment)")
  String module;

  @Parameters(index = "1", paramLabel = "STUDENT", description = "the student id")
  String student;

  @Parameters(index = "2", paramLabel = "GRADE_ID", description = "the cell's grade_id")
  String gradeId;

  @Option(
      names = "--score",
      required = true,
      paramLabel = "S",
      description = "points, from 0 to the cell's points")
  double score;

  @Option(
      names = "--extra-credit",
      paramLabel = "E",
      description = "points added beyond the score (at least 0)")
  Double extraCredit;

  @Option(
      names = "--comment",
      paramLabel = "TEXT",
      description = "a comment for the student (shown as text)")
  String comment;

  @Option(
      names = "--notebook",
      paramLabel = "NB",
      description = "the notebook, when GRADE_ID is in more than one")
  String notebook;

  @Override
  int work(ManualGrading grading, PrintWriter out) {
    ManualGrading.Saved saved =
        grading.set(
            module,
            new GradeRequest(student, notebook, gradeId, score, extraCredit, comment),
            System.getProperty("user.name"));
    ManualGrade grade = saved.saved();
    ManualGrade previous = saved.previous();
    if (previous != null) {
      out.println("replaced the grade " + previous.describe() + " of " + previous.gradedAt());
    }
    out.println(
        student
            + " "
            + grade.notebook()
            + "/"
            + grade.gradeId()
            + ": "
            + grade.describe()
            + (grade.comment() == null ? "" : ", with a comment"));
    out.println(
        module
            + " of "
            + student
            + ": "
            + PythonFloat.repr(saved.score())
            + " / "
            + PythonFloat.repr(saved.maxScore())
            + (saved.pending() ? "; other cells still wait for a person" : ""));
    return 0;
  }
}
