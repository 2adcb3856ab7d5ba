package dev.tito.notebook.review;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestResult;
import java.time.Instant;
import java.util.List;

/**
 * A person's grade for one cell as asked for (command line or console), before it is checked against the student's
 * graded submission.
 *
 * @param notebook the notebook (without {@code .ipynb}), or null when the grade_id names one cell of the module
 */
public record GradeRequest(
    String student,
    String notebook,
    String gradeId,
    double score,
    Double extraCredit,
    String comment) {

  /** The cell of a graded submission a request names, as it counts now. */
  public record Target(NotebookGrade notebook, TestResult test) {}

  /** The cell this request names in {@code result}; IllegalArgumentException with one line when there is none. */
  public Target target(GradingResult result) {
    List<Target> matches =
        result.notebooks().stream()
            .filter(nb -> notebook == null || nb.name().equals(notebook))
            .flatMap(
                nb ->
                    nb.tests().stream()
                        .filter(t -> t.gradeId().equals(gradeId))
                        .map(t -> new Target(nb, t)))
            .toList();
    if (notebook != null
        && result.notebooks().stream().noneMatch(nb -> nb.name().equals(notebook))) {
      throw new IllegalArgumentException(
          result.module()
              + " has no notebook '"
              + notebook
              + "' (notebooks: "
              + String.join(", ", result.notebooks().stream().map(NotebookGrade::name).toList())
              + ")");
    }
    if (matches.isEmpty()) {
      throw new IllegalArgumentException(
          result.module()
              + " has no graded cell '"
              + gradeId
              + "'"
              + (notebook == null ? "" : " in notebook " + notebook)
              + " (graded cells: "
              + String.join(
                  ", ",
                  result.notebooks().stream()
                      .filter(nb -> notebook == null || nb.name().equals(notebook))
                      .flatMap(nb -> nb.tests().stream().map(TestResult::gradeId))
                      .distinct()
                      .toList())
              + ")");
    }
    if (matches.size() > 1) {
      throw new IllegalArgumentException(
          result.module()
              + ": cell '"
              + gradeId
              + "' is in notebooks "
              + String.join(" and ", matches.stream().map(m -> m.notebook().name()).toList())
              + "; name the notebook");
    }
    return matches.get(0);
  }

  /**
   * The grade to record for {@code target}, given for the answer with digest {@code answer}; IllegalArgumentException
   * with one line when the score, extra credit or comment is out of bounds for the cell.
   */
  public ManualGrade grade(Target target, String answer, String gradedBy, Instant at) {
    TestResult test = target.test();
    String problem = ManualGrade.problem(score, extraCredit, comment, test.maxScore());
    if (problem != null) {
      throw new IllegalArgumentException(
          student + ": " + target.notebook().name() + "/" + gradeId + ": " + problem);
    }
    return new ManualGrade(
        target.notebook().name(),
        gradeId,
        score,
        extraCredit,
        comment,
        test.maxScore(),
        answer,
        gradedBy,
        at.toString());
  }
}
