package dev.tito.cli;

import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.ipynb.OneLineMessage;
import dev.tito.notebook.ipynb.PythonFloat;
import dev.tito.notebook.review.ManualGrading;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tito grades review MODULE}: what still waits for a person. */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description = {
      "List the cells of MODULE's graded submissions that wait for a person: written answers, tasks, "
          + "deleted cells, and grades that no longer count because the student's answer changed.",
      "With --cluster, MODULE is an Assignment and the submissions are each student's latest Graded one.",
      "Exit codes: 0 listed, 2 usage or I/O error."
    })
final class GradesReviewCommand extends ManualGradingCommand {
  @Parameters(
      index = "0",
      paramLabel = "MODULE",
      description = "the module (with --cluster: the Assignment)")
  String module;

  @Option(names = "--student", paramLabel = "ID", description = "only this student")
  String student;

  @Option(
      names = "--all",
      description = "also the cells a person graded, and every answer and task")
  boolean all;

  @Option(
      names = "--answers",
      description = "print each listed written or code answer below the table")
  boolean answers;

  @Override
  int work(ManualGrading grading, PrintWriter out) {
    List<ManualGrading.Cell> cells =
        grading.cells(module, answers).stream()
            .filter(c -> student == null || c.student().equals(student))
            .filter(
                c ->
                    c.needsPerson()
                        || (all
                            && (c.test().gradedByPerson()
                                || c.test().kind() != TestKind.AUTOGRADED_TEST)))
            .toList();
    AlignedTable table = new AlignedTable("STUDENT", "NOTEBOOK", "CELL", "KIND", "SCORE", "STATUS");
    cells.forEach(
        c ->
            table.add(
                c.student(),
                c.notebook(),
                c.test().gradeId(),
                kind(c.test()),
                PythonFloat.repr(c.test().score()) + " / " + PythonFloat.repr(c.test().maxScore()),
                status(c)));
    if (!cells.isEmpty()) {
      table.print(out);
    }
    long waiting = cells.stream().filter(ManualGrading.Cell::needsPerson).count();
    long students =
        cells.stream()
            .filter(ManualGrading.Cell::needsPerson)
            .map(ManualGrading.Cell::student)
            .distinct()
            .count();
    out.println(
        waiting == 0
            ? "nothing of " + module + " waits for a person"
            : waiting
                + (waiting == 1 ? " cell" : " cells")
                + " of "
                + students
                + (students == 1 ? " student" : " students")
                + " wait"
                + (waiting == 1 ? "s" : "")
                + " for a person: tito grades set "
                + module
                + " STUDENT CELL --score S");
    if (answers) {
      cells.stream()
          .filter(c -> c.answer() != null)
          .forEach(
              c -> {
                out.println();
                out.println(c.student() + " " + c.notebook() + "/" + c.test().gradeId() + ":");
                // a student's text: control characters (terminal escapes) are shown, never sent to
                // the terminal
                c.answer().lines().forEach(line -> out.println("    " + OneLineMessage.of(line)));
              });
    }
    return 0;
  }

  private static String kind(TestResult test) {
    return switch (test.kind()) {
      case MANUAL_ANSWER -> "markdown".equals(test.cellType()) ? "written answer" : "code answer";
      case TASK -> "task";
      case AUTOGRADED_TEST -> "test";
    };
  }

  private static String status(ManualGrading.Cell cell) {
    if (cell.needsPerson()) {
      return "waits for a person"
          + (cell.dropped() == null
              ? ""
              : " (the grade "
                  + cell.grade().describe()
                  + " no longer counts: "
                  + cell.dropped()
                  + ")");
    }
    if (cell.test().gradedByPerson()) {
      return "graded "
          + cell.grade().describe()
          + (cell.test().comment() == null ? "" : ", with a comment");
    }
    return "autograded" + (cell.test().message().isEmpty() ? "" : ": " + cell.test().message());
  }
}
