package dev.tito.notebook.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A person's grades over the autograder's, as nbgrader's Grade.score counts them. */
class ApplyReviewsTest {
  private static final Map<String, String> ANSWERS =
      Map.of("essay", "sha256:essay", "test-f", "sha256:all");

  /** ada's notebook as autograded: 1 of 1 on the test, her written answer waits for a person. */
  private static final NotebookGrade AUTOGRADED =
      new NotebookGrade(
          "p1",
          true,
          "ok",
          "",
          1.0,
          3.0,
          0,
          true,
          List.of(
              new TestResult(
                  "test-f",
                  TestKind.AUTOGRADED_TEST,
                  "code",
                  1.0,
                  1.0,
                  1.0,
                  TestStatus.PASSED,
                  false,
                  false,
                  ""),
              new TestResult(
                  "essay",
                  TestKind.MANUAL_ANSWER,
                  "markdown",
                  0,
                  null,
                  2.0,
                  TestStatus.NEEDS_MANUAL_GRADE,
                  true,
                  false,
                  "needs manual grading")),
          Map.of("essay", ""),
          List.of(),
          new Timings(0, 0, 0));

  private static ManualGrade grade(
      String id, double score, Double extra, String answer, double max) {
    return new ManualGrade(
        "p1", id, score, extra, "see me", max, answer, "alice", "2025-01-01T00:00:00Z");
  }

  static Stream<Arguments> reviews() {
    return Stream.of(
        Arguments.of("nobody graded yet", Map.of(), 1.0, true, null),
        Arguments.of(
            "the written answer graded",
            Map.of("essay", grade("essay", 1.5, null, "sha256:essay", 2.0)),
            2.5,
            false,
            null),
        Arguments.of(
            "with extra credit above the points",
            Map.of("essay", grade("essay", 2.0, 1.0, "sha256:essay", 2.0)),
            4.0,
            false,
            null),
        Arguments.of(
            "the test overridden",
            Map.of("test-f", grade("test-f", 0.0, null, "sha256:all", 1.0)),
            0.0,
            true,
            null),
        Arguments.of(
            "the answer changed since",
            Map.of("essay", grade("essay", 1.5, null, "sha256:old", 2.0)),
            1.0,
            true,
            "the answer changed since it was graded"),
        Arguments.of(
            "the points changed since",
            Map.of("essay", grade("essay", 1.5, null, "sha256:essay", 3.0)),
            1.0,
            true,
            "the cell's points changed from 3.0 to 2.0 since it was graded"),
        Arguments.of(
            "a cell the release no longer grades",
            Map.of("gone", grade("gone", 1.0, null, "x", 1.0)),
            1.0,
            true,
            "the release no longer grades this cell"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reviews")
  void theNotebookScoresWhatThePersonGaveWhereTheAnswerIsStillTheOneGraded(
      String what, Map<String, ManualGrade> grades, double score, boolean waits, String dropped) {
    ApplyReviews.Applied applied = ApplyReviews.apply("ada", AUTOGRADED, ANSWERS, grades, s -> 0);

    assertThat(applied.grade().score()).isEqualTo(score);
    assertThat(applied.grade().needsManualGrade()).isEqualTo(waits);
    assertThat(applied.dropped())
        .extracting(ApplyReviews.Dropped::reason)
        .isEqualTo(dropped == null ? List.of() : List.of(dropped));
  }

  @Test
  void aGradedCellKeepsTheAutogradersWordBesideThePersons() {
    TestResult essay =
        ApplyReviews.apply(
                "ada",
                AUTOGRADED,
                ANSWERS,
                Map.of("essay", grade("essay", 1.5, 0.5, "sha256:essay", 2.0)),
                s -> 0)
            .grade()
            .tests()
            .get(1);

    assertThat(essay.score()).isEqualTo(2.0);
    assertThat(essay.manualScore()).isEqualTo(1.5);
    assertThat(essay.extraCredit()).isEqualTo(0.5);
    assertThat(essay.comment()).isEqualTo("see me");
    assertThat(essay.autoScore()).isNull();
    assertThat(essay.status()).isEqualTo(TestStatus.NEEDS_MANUAL_GRADE);
    assertThat(essay.needsManualGrade()).isFalse();
    assertThat(essay.gradedByPerson()).isTrue();
  }

  @Test
  void applyingAgainOrWithTheGradeWithdrawnCountsFromTheAutogradersScores() {
    Map<String, ManualGrade> grades =
        Map.of("essay", grade("essay", 1.5, null, "sha256:essay", 2.0));
    NotebookGrade once = ApplyReviews.apply("ada", AUTOGRADED, ANSWERS, grades, s -> 0).grade();

    assertThat(ApplyReviews.apply("ada", once, ANSWERS, grades, s -> 0).grade()).isEqualTo(once);
    assertThat(ApplyReviews.apply("ada", once, ANSWERS, Map.of(), s -> 0).grade())
        .isEqualTo(AUTOGRADED);
  }

  @Test
  void theLatePenaltyIsTakenFromTheNewScore() {
    NotebookGrade late =
        ApplyReviews.apply(
                "ada",
                AUTOGRADED,
                ANSWERS,
                Map.of("essay", grade("essay", 2.0, null, "sha256:essay", 2.0)),
                s -> s)
            .grade();

    assertThat(late.score()).isEqualTo(3.0);
    assertThat(late.latePenalty()).isEqualTo(3.0);
  }

  @Test
  void aDroppedGradeSaysWhoseGradeAndWhy() {
    ApplyReviews.Dropped dropped =
        ApplyReviews.apply(
                "ada",
                AUTOGRADED,
                ANSWERS,
                Map.of("essay", grade("essay", 1.5, 0.5, "sha256:old", 2.0)),
                s -> 0)
            .dropped()
            .get(0);

    assertThat(dropped.line())
        .isEqualTo(
            "ada: p1/essay: manual grade 1.5 (+0.5 extra credit) by alice no longer "
                + "counts: the answer changed since it was graded");
  }
}
