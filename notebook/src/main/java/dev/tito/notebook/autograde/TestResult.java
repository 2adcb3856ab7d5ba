package dev.tito.notebook.autograde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One graded cell (nbgrader's Grade row): the autograder's word ({@code autoScore}, {@code status}, {@code message})
 * and, once a person graded it, theirs ({@code manualScore}, {@code extraCredit}, {@code comment}).
 *
 * @param score what counts now (nbgrader's {@code Grade.score}): the manual score, else the automatic score, else 0;
 *     plus the extra credit
 * @param autoScore nbgrader's {@code auto_score}: null when the autograder could not decide
 * @param status how the autograder classified the cell; a person's grade never changes it
 * @param needsManualGrade nobody has decided the score yet: no automatic score and no manual one
 * @param hidden the cell contained hidden tests the student never saw
 * @param message one line for the student from the autograder (the error, partial credit, why it needs a person)
 * @param manualScore a person's score in [0, maxScore], or null
 * @param extraCredit points a person added beyond the score, or null
 * @param comment a person's comment for the student, or null
 */
public record TestResult(
    @JsonProperty("grade_id") String gradeId,
    @JsonProperty("kind") TestKind kind,
    @JsonProperty("cell_type") String cellType,
    @JsonProperty("score") double score,
    @JsonProperty("auto_score") Double autoScore,
    @JsonProperty("max_score") double maxScore,
    @JsonProperty("status") TestStatus status,
    @JsonProperty("needs_manual_grade") boolean needsManualGrade,
    @JsonProperty("hidden") boolean hidden,
    @JsonProperty("message") String message,
    @JsonProperty("manual_score") @JsonInclude(JsonInclude.Include.NON_NULL) Double manualScore,
    @JsonProperty("extra_credit") @JsonInclude(JsonInclude.Include.NON_NULL) Double extraCredit,
    @JsonProperty("comment") @JsonInclude(JsonInclude.Include.NON_NULL) String comment) {

  /** The autograder's result for a cell, before any person graded it. */
  public TestResult(
      String gradeId,
      TestKind kind,
      String cellType,
      double score,
      Double autoScore,
      double maxScore,
      TestStatus status,
      boolean needsManualGrade,
      boolean hidden,
      String message) {
    this(
        gradeId,
        kind,
        cellType,
        score,
        autoScore,
        maxScore,
        status,
        needsManualGrade,
        hidden,
        message,
        null,
        null,
        null);
  }

  /**
   * This cell as a person graded it (nbgrader's Grade.score and formgrader's needs_manual_grade); null values clear
   * the person's grade and leave the autograder's.
   */
  public TestResult graded(Double manual, Double extra, String personsComment) {
    return new TestResult(
        gradeId,
        kind,
        cellType,
        score(autoScore, manual, extra),
        autoScore,
        maxScore,
        status,
        waitsForPerson(autoScore, manual),
        hidden,
        message,
        manual,
        extra,
        personsComment);
  }

  /** nbgrader's Grade.score: the manual score, else the automatic one, else 0; plus the extra credit. */
  public static double score(Double auto, Double manual, Double extra) {
    return (manual != null ? manual : auto != null ? auto : 0) + (extra == null ? 0 : extra);
  }

  /** formgrader's needs_manual_grade: neither the autograder nor a person decided the score. */
  public static boolean waitsForPerson(Double auto, Double manual) {
    return manual == null && auto == null;
  }

  /** A person decided this cell's score. */
  public boolean gradedByPerson() {
    return manualScore != null;
  }
}
