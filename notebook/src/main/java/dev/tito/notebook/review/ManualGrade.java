package dev.tito.notebook.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tito.notebook.ipynb.PythonFloat;

/**
 * A person's grade of one cell (nbgrader's {@code manual_score}, {@code extra_credit} and manual comment), with what
 * it was given for: the answer ({@link AnswerDigest}) and the cell's points at the time. It counts only while both
 * are unchanged.
 *
 * @param extraCredit points beyond the cell's, or null
 * @param comment for the student, or null
 * @param maxScore the cell's points when it was graded
 * @param answer the {@link AnswerDigest} of the answer graded
 * @param gradedBy who graded (the local user, or the cluster identity)
 * @param gradedAt when, RFC 3339
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManualGrade(
    @JsonProperty(value = "notebook", required = true) String notebook,
    @JsonProperty(value = "grade_id", required = true) String gradeId,
    @JsonProperty(value = "score", required = true) double score,
    @JsonProperty("extra_credit") Double extraCredit,
    @JsonProperty("comment") String comment,
    @JsonProperty(value = "max_score", required = true) double maxScore,
    @JsonProperty(value = "answer", required = true) String answer,
    @JsonProperty("graded_by") String gradedBy,
    @JsonProperty("graded_at") String gradedAt) {

  /** The longest comment kept: far above feedback prose, far below what would bloat a result or a Review object. */
  public static final int MAX_COMMENT = 10_000;

  /**
   * What is wrong with a grade a person is about to give a cell of {@code max} points (as formgrader bounds it:
   * a score in [0, max], extra credit at least 0), or null when nothing is.
   */
  public static String problem(double score, Double extraCredit, String comment, double max) {
    if (!Double.isFinite(score)) {
      return "score " + score + " is not a number";
    }
    if (score < 0) {
      return "score " + PythonFloat.repr(score) + " is below 0";
    }
    if (score > max) {
      return "score "
          + PythonFloat.repr(score)
          + " is above the cell's "
          + PythonFloat.repr(max)
          + " points";
    }
    if (extraCredit != null && !Double.isFinite(extraCredit)) {
      return "extra credit " + extraCredit + " is not a number";
    }
    if (extraCredit != null && extraCredit < 0) {
      return "extra credit " + PythonFloat.repr(extraCredit) + " is below 0";
    }
    if (comment != null && comment.length() > MAX_COMMENT) {
      return "comment is " + comment.length() + " characters, more than " + MAX_COMMENT;
    }
    return null;
  }

  /**
   * Why this grade no longer counts for an answer with digest {@code currentAnswer} in a cell of {@code currentMax}
   * points, or null when it still does.
   */
  public static String staleReason(
      String gradedAnswer, double gradedMax, String currentAnswer, double currentMax) {
    if (!gradedAnswer.equals(currentAnswer)) {
      return "the answer changed since it was graded";
    }
    if (gradedMax != currentMax) {
      return "the cell's points changed from "
          + PythonFloat.repr(gradedMax)
          + " to "
          + PythonFloat.repr(currentMax)
          + " since it was graded";
    }
    return null;
  }

  /** As {@link #staleReason(String, double, String, double)} for this grade. */
  public String staleReason(String currentAnswer, double currentMax) {
    return staleReason(answer, maxScore, currentAnswer, currentMax);
  }

  /** One line for people: {@code 1.5 (+0.5 extra credit) by alice}. */
  public String describe() {
    return PythonFloat.repr(score)
        + (extraCredit == null || extraCredit == 0
            ? ""
            : " (+" + PythonFloat.repr(extraCredit) + " extra credit)")
        + (gradedBy == null ? "" : " by " + gradedBy);
  }
}
