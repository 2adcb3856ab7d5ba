package dev.tito.notebook.review;

import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * A notebook's grades with a person's grades in place (nbgrader's Grade.score): each cell from the autograder's
 * score and the review's grade of it, the grade kept only while the answer and the cell's points are those it was
 * given for. Applying again recomputes from the autograder's scores, so it never counts a grade twice.
 */
public final class ApplyReviews {
  /** A person's grade that no longer counts, and why. */
  public record Dropped(String student, ManualGrade grade, String reason) {
    /** One line for the instructor. */
    public String line() {
      return student
          + ": "
          + grade.notebook()
          + "/"
          + grade.gradeId()
          + ": manual grade "
          + grade.describe()
          + " no longer counts: "
          + reason;
    }
  }

  /** The notebook with the grades that count, and those that no longer do. */
  public record Applied(NotebookGrade grade, List<Dropped> dropped) {}

  private ApplyReviews() {}

  /**
   * @param answers the submission's {@link AnswerDigest}s of this notebook
   * @param grades the review's grades of this notebook, by grade_id
   * @param penalty the notebook's late penalty for its new score
   */
  public static Applied apply(
      String student,
      NotebookGrade notebook,
      Map<String, String> answers,
      Map<String, ManualGrade> grades,
      DoubleUnaryOperator penalty) {
    List<TestResult> tests = new ArrayList<>();
    List<Dropped> dropped = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (TestResult test : notebook.tests()) {
      seen.add(test.gradeId());
      ManualGrade grade = grades.get(test.gradeId());
      String stale =
          grade == null
              ? null
              : grade.staleReason(
                  answers.getOrDefault(test.gradeId(), AnswerDigest.ABSENT), test.maxScore());
      if (stale != null) {
        dropped.add(new Dropped(student, grade, stale));
      }
      tests.add(
          grade == null || stale != null
              ? test.graded(null, null, null)
              : test.graded(grade.score(), grade.extraCredit(), grade.comment()));
    }
    grades.values().stream()
        .filter(g -> !seen.contains(g.gradeId()))
        .forEach(
            g -> dropped.add(new Dropped(student, g, "the release no longer grades this cell")));
    double score = tests.stream().mapToDouble(TestResult::score).sum();
    boolean manual = tests.stream().anyMatch(TestResult::needsManualGrade);
    NotebookGrade graded =
        new NotebookGrade(
            notebook.name(),
            notebook.submitted(),
            notebook.failure(),
            notebook.failureMessage(),
            score,
            notebook.maxScore(),
            penalty.applyAsDouble(score),
            manual,
            tests,
            notebook.comments(),
            notebook.notes(),
            notebook.timings());
    return new Applied(graded, dropped);
  }
}
