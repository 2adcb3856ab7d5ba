package dev.tito.notebook.review;

import dev.tito.notebook.autograde.TestResult;
import java.util.List;

/**
 * Manual grading of a module, the same for a local course ({@link CourseReviews}) and a cluster: what there is to
 * grade, and a person's grade of one cell. The command line and a console both go through it.
 */
public interface ManualGrading {
  /**
   * One graded cell of one student's graded submission, as it counts now.
   *
   * @param grade the person's grade on record for the cell (counting or not), or null
   * @param dropped why that grade no longer counts (the answer changed), or null
   * @param answer the student's answer for a manually graded answer, when asked for; else null
   */
  record Cell(String student, String notebook, TestResult test, ManualGrade grade, String dropped, String answer) {
    /** Nobody has decided this cell's score yet. */
    public boolean needsPerson() {
      return test.needsManualGrade();
    }
  }

  /**
   * A grade saved, and the submission it counts in.
   *
   * @param previous the grade it replaced, or null
   * @param score the submission's score now (after any late penalty)
   * @param pending some cell of the submission still waits for a person
   */
  record Saved(ManualGrade saved, ManualGrade previous, double score, double maxScore, boolean pending) {}

  /** Every graded cell of every student's graded submission of the module, in student then notebook order. */
  List<Cell> cells(String module, boolean withAnswers);

  /** Records a person's grade of one cell; IllegalArgumentException with one line for a request that names nothing. */
  Saved set(String module, GradeRequest request, String gradedBy);
}
