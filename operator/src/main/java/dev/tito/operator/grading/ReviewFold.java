package dev.tito.operator.grading;

import dev.tito.api.review.Review;
import dev.tito.api.review.ReviewGrade;
import dev.tito.api.submission.SubmissionResults;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.TestResult;
import dev.tito.notebook.review.ManualGrade;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * A Review's grades counted in a Graded Submission's status, as a local course counts them (nbgrader's Grade.score):
 * a grade counts where the Submission's answer to its cell is the answer graded and the cell's points are those it
 * was given for; otherwise the cell is the autograder's again and says why the grade no longer counts. Counting again
 * starts from the autograder's scores, so it never counts a grade twice.
 */
final class ReviewFold {
  private ReviewFold() {}

  /**
   * @param submission the Submission this status is of
   * @param answers a Submission's answer digests by {@code notebook/gradeId}, or null when it is gone
   * @param penalty the late penalty for a raw score
   * @return how many of the Review's grades no longer count
   */
  static int fold(
      SubmissionStatus status,
      String submission,
      Review review,
      Function<String, Map<String, String>> answers,
      DoubleUnaryOperator penalty) {
    List<ReviewGrade> grades =
        review == null || review.getSpec() == null ? List.of() : review.getSpec().grades;
    int dropped = 0;
    for (TestResult result : status.results) {
      Double auto = autoScore(result);
      ReviewGrade grade =
          grades.stream()
              .filter(g -> g.notebook.equals(result.notebook) && g.gradeId.equals(result.gradeId))
              .findFirst()
              .orElse(null);
      String stale = grade == null ? null : staleReason(grade, result, submission, answers);
      boolean counts = grade != null && stale == null;
      result.autoScore = auto;
      // from now on the status says what the cell is and keeps the autograder's score apart from
      // the person's
      result.kind = SubmissionResults.test(result).kind().wireName();
      result.manualScore = counts ? grade.score : null;
      result.extraCredit = counts ? grade.extraCredit : null;
      result.comment = counts ? grade.comment : null;
      result.gradeDropped = stale;
      result.score =
          dev.tito.notebook.autograde.TestResult.score(
              auto, result.manualScore, result.extraCredit);
      dropped += stale == null ? 0 : 1;
    }
    double raw = status.results.stream().mapToDouble(r -> r.score).sum();
    status.latePenalty = penalty.applyAsDouble(raw);
    status.score = Math.max(0, raw - status.latePenalty);
    status.needsManualGrade =
        status.results.stream()
            .anyMatch(
                r ->
                    dev.tito.notebook.autograde.TestResult.waitsForPerson(
                        r.autoScore, r.manualScore));
    return dropped;
  }

  /** Whether a status carries a person's grade, so that a Review withdrawn or emptied must be counted out again. */
  static boolean carriesGrades(SubmissionStatus status) {
    return status.results.stream()
        .anyMatch(r -> r.manualScore != null || r.extraCredit != null || r.gradeDropped != null);
  }

  private static String staleReason(
      ReviewGrade grade,
      TestResult result,
      String submission,
      Function<String, Map<String, String>> answers) {
    String key = result.notebook + "/" + result.gradeId;
    if (grade.submission.equals(submission)) {
      // a Submission never changes: its own answer is the one graded
      return ManualGrade.staleReason("", grade.maxScore, "", result.maxScore);
    }
    Map<String, String> graded = answers.apply(grade.submission);
    if (graded == null) {
      return "the Submission it was given for, " + grade.submission + ", is gone";
    }
    Map<String, String> now = answers.apply(submission);
    return ManualGrade.staleReason(
        graded.getOrDefault(key, ""),
        grade.maxScore,
        now == null ? null : now.getOrDefault(key, ""),
        result.maxScore);
  }

  /** The autograder's score, as the status' reader takes it (a status written before autoScore was kept, too). */
  private static Double autoScore(TestResult result) {
    return SubmissionResults.test(result).autoScore();
  }
}
