package dev.tito.notebook.review;

import dev.tito.notebook.autograde.TestResult;
import java.util.List;
import java.util.Objects;

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
  record Cell(
      String student,
      String notebook,
      TestResult test,
      ManualGrade grade,
      String dropped,
      String answer) {
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
  record Saved(
      ManualGrade saved, ManualGrade previous, double score, double maxScore, boolean pending) {}

  /** Every graded cell of every student's graded submission of the module, in student then notebook order. */
  List<Cell> cells(String module, boolean withAnswers);

  /** The graded cells of one student's graded submission of the module (none when there is none). */
  default List<Cell> cells(String module, String student, boolean withAnswers) {
    return cells(module, withAnswers).stream()
        .filter(cell -> cell.student().equals(student))
        .toList();
  }

  /**
   * The grade of a cell a person saw when they began grading it, for optimistic locking: a grade is saved only while
   * the cell's grade on record is still that one.
   *
   * @param any true when whatever is on record may be replaced (the command line: the later grade wins)
   * @param gradedAt when the grade seen was given, or null when the cell had none
   */
  record Seen(boolean any, String gradedAt) {
    public static final Seen ANY = new Seen(true, null);

    public static Seen of(ManualGrade grade) {
      return new Seen(false, grade == null ? null : grade.gradedAt());
    }

    /** Whether {@code current}, the grade on record now, is still the one seen. */
    public boolean still(ManualGrade current) {
      return any || Objects.equals(gradedAt, current == null ? null : current.gradedAt());
    }
  }

  /** Someone else graded the cell since the person saw it: nothing was saved. */
  final class Conflict extends IllegalStateException {
    private final transient ManualGrade current;

    public Conflict(ManualGrade current) {
      super(
          current == null
              ? "the grade of this cell was removed since you saw it; nothing was saved"
              : "graded "
                  + current.describe()
                  + " at "
                  + current.gradedAt()
                  + " since you saw it; nothing was saved");
      this.current = current;
    }

    /** The grade on record now, or null. */
    public ManualGrade current() {
      return current;
    }
  }

  /** Records a person's grade of one cell; IllegalArgumentException with one line for a request that names nothing. */
  default Saved set(String module, GradeRequest request, String gradedBy) {
    return set(module, request, gradedBy, Seen.ANY);
  }

  /**
   * As {@link #set(String, GradeRequest, String)}, only while the cell's grade on record is still the one the person
   * saw; else nothing is written and {@link Conflict} names the grade on record.
   */
  Saved set(String module, GradeRequest request, String gradedBy, Seen seen);
}
