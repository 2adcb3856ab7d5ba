package dev.tito.notebook.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManualGradeTest {
  static Stream<Arguments> grades() {
    return Stream.of(
        Arguments.of(1.5, null, null, null),
        Arguments.of(0.0, null, "", null),
        Arguments.of(2.0, 3.0, "well argued", null),
        Arguments.of(2.5, null, null, "score 2.5 is above the cell's 2.0 points"),
        Arguments.of(-1.0, null, null, "score -1.0 is below 0"),
        Arguments.of(Double.NaN, null, null, "score NaN is not a number"),
        Arguments.of(Double.POSITIVE_INFINITY, null, null, "score Infinity is not a number"),
        Arguments.of(1.0, -0.5, null, "extra credit -0.5 is below 0"),
        Arguments.of(1.0, Double.NaN, null, "extra credit NaN is not a number"),
        Arguments.of(
            1.0, null, "x".repeat(10_001), "comment is 10001 characters, more than 10000"));
  }

  @ParameterizedTest(name = "score {0}, extra {1}: {3}")
  @MethodSource("grades")
  void aPersonsGradeStaysWithinTheCellsPointsAsFormgraderKeepsIt(
      double score, Double extra, String comment, String problem) {
    assertThat(ManualGrade.problem(score, extra, comment, 2.0)).isEqualTo(problem);
  }

  static Stream<Arguments> staleness() {
    return Stream.of(
        Arguments.of("sha256:a", 2.0, "sha256:a", 2.0, null),
        Arguments.of("sha256:a", 2.0, "sha256:b", 2.0, "the answer changed since it was graded"),
        Arguments.of(
            "sha256:a", 2.0, AnswerDigest.ABSENT, 2.0, "the answer changed since it was graded"),
        Arguments.of(
            "sha256:a",
            2.0,
            "sha256:a",
            3.0,
            "the cell's points changed from 2.0 to 3.0 since it was graded"));
  }

  @ParameterizedTest(name = "{0}/{1} now {2}/{3}: {4}")
  @MethodSource("staleness")
  void aGradeCountsWhileTheAnswerAndThePointsAreThoseItWasGivenFor(
      String graded, double gradedMax, String now, double nowMax, String reason) {
    assertThat(ManualGrade.staleReason(graded, gradedMax, now, nowMax)).isEqualTo(reason);
  }
}
