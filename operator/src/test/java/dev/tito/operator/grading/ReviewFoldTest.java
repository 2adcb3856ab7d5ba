package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.review.Review;
import dev.tito.api.review.ReviewGrade;
import dev.tito.api.review.ReviewSpec;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.TestResult;
import dev.tito.api.testing.GradedSubmissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A Review counted in a Graded status: which grade counts, what the status then says. */
class ReviewFoldTest {
  /** ada's answers: her first and second Submissions hand in the same answer, her third another. */
  private static final Function<String, Map<String, String>> ANSWERS =
      name ->
          switch (name) {
            case "ada-1", "ada-2" -> Map.of("01_tensor/explain", "sha256:same");
            case "ada-3" -> Map.of("01_tensor/explain", "sha256:other");
            default -> null;
          };

  private static Review review(String submission, double score, double maxScore) {
    ReviewGrade grade = new ReviewGrade();
    grade.notebook = "01_tensor";
    grade.gradeId = "explain";
    grade.score = score;
    grade.maxScore = maxScore;
    grade.comment = "Say which sizes.";
    grade.submission = submission;
    Review review = new Review();
    review.setSpec(new ReviewSpec());
    review.getSpec().grades = List.of(grade);
    return review;
  }

  static Stream<Arguments> folds() {
    return Stream.of(
        Arguments.of("the Submission graded", "ada-1", review("ada-1", 2.5, 3.0), 4.5, false, null),
        Arguments.of(
            "a later Submission with the same answer",
            "ada-2",
            review("ada-1", 2.5, 3.0),
            4.5,
            false,
            null),
        Arguments.of(
            "a later Submission with another answer",
            "ada-3",
            review("ada-1", 2.5, 3.0),
            2.0,
            true,
            "the answer changed since it was graded"),
        Arguments.of(
            "the graded Submission deleted",
            "ada-2",
            review("ada-0", 2.5, 3.0),
            2.0,
            true,
            "the Submission it was given for, ada-0, is gone"),
        Arguments.of(
            "the cell's points changed",
            "ada-1",
            review("ada-1", 2.5, 2.0),
            2.0,
            true,
            "the cell's points changed from 2.0 to 3.0 since it was graded"),
        Arguments.of("no Review", "ada-1", null, 2.0, true, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("folds")
  void aGradeCountsWhereTheAnswerAndThePointsAreThoseItWasGivenFor(
      String what, String submission, Review review, double score, boolean waits, String dropped) {
    SubmissionStatus status = GradedSubmissions.waitingForAPerson();

    int count = ReviewFold.fold(status, submission, review, ANSWERS, raw -> 0);

    assertThat(status.score).isEqualTo(score);
    assertThat(status.needsManualGrade).isEqualTo(waits);
    assertThat(explain(status).gradeDropped).isEqualTo(dropped);
    assertThat(count).isEqualTo(dropped == null ? 0 : 1);
    assertThat(explain(status).manualScore).isEqualTo(waits ? null : 2.5);
    assertThat(explain(status).comment).isEqualTo(waits ? null : "Say which sizes.");
  }

  @Test
  void countingAgainOrWithoutTheReviewStartsFromTheAutogradersScores() {
    SubmissionStatus status = GradedSubmissions.waitingForAPerson();
    ReviewFold.fold(status, "ada-1", review("ada-1", 2.5, 3.0), ANSWERS, raw -> 0);
    ReviewFold.fold(status, "ada-1", review("ada-1", 2.5, 3.0), ANSWERS, raw -> 0);
    assertThat(status.score).isEqualTo(4.5);
    assertThat(ReviewFold.carriesGrades(status)).isTrue();

    ReviewFold.fold(status, "ada-1", null, ANSWERS, raw -> 0);

    assertThat(status.score).isEqualTo(2.0);
    assertThat(status.needsManualGrade).isTrue();
    assertThat(ReviewFold.carriesGrades(status)).isFalse();
  }

  @Test
  void theLatePenaltyIsTheClassPolicyOnTheNewRawScore() {
    SubmissionStatus status = GradedSubmissions.waitingForAPerson();

    ReviewFold.fold(status, "ada-1", review("ada-1", 3.0, 3.0), ANSWERS, raw -> Math.min(raw, 1.0));

    assertThat(status.latePenalty).isEqualTo(1.0);
    assertThat(status.score).isEqualTo(4.0);
  }

  @Test
  void aStatusWrittenBeforeAutoScoresWereKeptCountsItsScoreAsTheAutograders() {
    SubmissionStatus status = GradedSubmissions.waitingForAPerson();
    status.results.forEach(
        r -> {
          r.kind = null;
          r.autoScore = null;
        });

    ReviewFold.fold(status, "ada-1", review("ada-1", 1.0, 3.0), ANSWERS, raw -> 0);
    ReviewFold.fold(status, "ada-1", review("ada-1", 1.0, 3.0), ANSWERS, raw -> 0);

    assertThat(status.score).isEqualTo(3.0);
    assertThat(status.results).extracting(r -> r.autoScore).containsExactly(2.0, null);
  }

  private static TestResult explain(SubmissionStatus status) {
    return status.results.stream()
        .filter(r -> r.gradeId.equals("explain"))
        .findFirst()
        .orElseThrow();
  }
}
