package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code tito grades review} and {@code tito grades set} on the sample course, graded from its saved outputs: an
 * instructor grades ada's written answer by hand, and the exports and her feedback page follow.
 */
class ManualGradingCommandTest {
  private static final String GRADER = System.getProperty("user.name");
  @TempDir Path dir;
  private Path course;

  @BeforeEach
  void releaseAndGrade() {
    course = TitoRun.sampleCourseIn(dir);
    assertThat(
            TitoRun.of("module", "release", "01_tensor", "--student", "--course", course.toString())
                .exitCode())
        .isZero();
    assertThat(grade().exitCode()).isZero();
  }

  private TitoRun grade() {
    return TitoRun.of(
        "module", "grade", "01_tensor", "--course", course.toString(), "--no-execute");
  }

  private TitoRun tito(String... args) {
    return TitoRun.of(
        Stream.concat(Stream.of(args), Stream.of("--course", course.toString()))
            .toArray(String[]::new));
  }

  private String export(String format) throws Exception {
    Path file = dir.resolve(format + ".csv");
    assertThat(tito("grades", "export", "--format", format, "--output", file.toString()).exitCode())
        .isZero();
    return Files.readString(file);
  }

  @Test
  void adasWrittenAnswerWaitsForAPersonUntilGradedThenEveryExportAndHerFeedbackShowTheGrade()
      throws Exception {
    TitoRun before = tito("grades", "review", "01_tensor");
    TitoRun canvasBefore =
        tito(
            "grades", "export", "--format", "canvas", "--output", dir.resolve("c0.csv").toString());

    TitoRun set =
        tito(
            "grades",
            "set",
            "01_tensor",
            "ada",
            "answer-shapes",
            "--score",
            "1.5",
            "--comment",
            "Names both <shapes>; say which is which.");

    assertThat(before.out())
        .contains(
            "ada      01_tensor  answer-shapes  written answer  0.0 / 2.0  waits for a person",
            "1 cell of 1 student waits for a person");
    assertThat(canvasBefore.err())
        .contains("tito: 01_tensor of ada left empty: 2.0 of 5.0 points wait for manual grading");
    assertThat(Files.readString(dir.resolve("c0.csv"))).contains("\nada,,,ada,,\n");
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out())
        .isEqualTo(
            "ada 01_tensor/answer-shapes: 1.5 by "
                + GRADER
                + ", with a comment\n"
                + "01_tensor of ada: 4.5 / 5.0\n");
    assertThat(tito("grades", "review", "01_tensor").out())
        .isEqualTo("nothing of 01_tensor waits for a person\n");
    assertThat(tito("grades", "review", "01_tensor", "--all").out())
        .contains(
            "ada      01_tensor  answer-shapes  written answer  1.5 / 2.0  graded 1.5 by "
                + GRADER
                + ", with a comment");
    assertThat(export("csv")).containsPattern("\n01_tensor,,[^,]*,ada,,,,4.5,0.0,4.5,5.0\n");
    assertThat(export("canvas")).contains("\nada,,,ada,,4.5\n");
    assertThat(export("moodle")).contains("\nada,4.5,\n");
    assertThat(Files.readString(course.resolve("feedback/ada/01_tensor/01_tensor.html")))
        .contains(
            "01_tensor (Score: 4.5 / 5.0)",
            "Score: 1.5 / 2.0 (graded by your instructor)",
            "Comment: Names both &lt;shapes&gt;; say which is which.")
        .doesNotContain("<shapes>");
    assertThat(Files.readString(course.resolve(".tito/reviews/01_tensor/ada.json")))
        .contains(
            "\"score\" : 1.5", "\"graded_by\" : \"" + GRADER + "\"", "\"answer\" : \"sha256:");
  }

  @Test
  void aRegradeKeepsTheGradeUntilTheAnswerChangesAndThenSaysSo() throws Exception {
    tito(
        "grades",
        "set",
        "01_tensor",
        "ada",
        "answer-shapes",
        "--score",
        "2",
        "--extra-credit",
        "0.5");

    TitoRun kept = grade();
    Path answer = course.resolve("submitted/ada/01_tensor/01_tensor.ipynb");
    Files.writeString(
        answer,
        Files.readString(answer)
            .replace("checking first names the two shapes", "checking first is faster"));
    TitoRun changed = grade();

    assertThat(kept.out()).containsPattern("ada +5.5 / 5.0 +ok");
    assertThat(kept.err()).doesNotContain("tito:");
    assertThat(changed.out()).containsPattern("ada +3.0 / 5.0 +yes +ok");
    assertThat(changed.err())
        .contains(
            "\ntito: ada: 01_tensor/answer-shapes: manual grade 2.0 (+0.5 extra credit) by "
                + GRADER
                + " no longer counts: the answer changed since it was graded\n");
    assertThat(tito("grades", "review", "01_tensor").out())
        .contains(
            "ada      01_tensor  answer-shapes  written answer  "
                + "0.0 / 2.0  waits for a person (the grade 2.0 (+0.5 extra credit) by "
                + GRADER
                + " no longer counts: the answer changed since it was graded)");
  }

  @Test
  void aStudentsAnswerIsPrintedWithItsTerminalEscapesShownNotObeyed() throws Exception {
    Path answer = course.resolve("submitted/ada/01_tensor/01_tensor.ipynb");
    Files.writeString(
        answer,
        Files.readString(answer)
            .replace("checking first names the two shapes", "\\u001b]0;owned\\u0007\\u001b[2J"));
    grade();

    TitoRun review = tito("grades", "review", "01_tensor", "--answers");

    assertThat(review.out())
        .doesNotContain("\u001b", "\u0007")
        .contains("\\u001b]0;owned\\u0007\\u001b[2J");
  }

  @Test
  void theLaterOfTwoGradesOfACellWinsAndSaysWhoseItReplaced() {
    tito("grades", "set", "01_tensor", "ada", "answer-shapes", "--score", "1");

    TitoRun second = tito("grades", "set", "01_tensor", "ada", "answer-shapes", "--score", "2");

    assertThat(second.out()).startsWith("replaced the grade 1.0 by " + GRADER + " of ");
    assertThat(second.out()).contains("01_tensor of ada: 5.0 / 5.0");
  }

  static Stream<Arguments> badGrades() {
    return Stream.of(
        Arguments.of(
            List.of("zed", "answer-shapes", "--score", "1"),
            "no graded submission of module '01_tensor' by student 'zed' (graded: ada, ben, eve)"),
        Arguments.of(
            List.of("ada", "answer-essay", "--score", "1"),
            "01_tensor has no graded cell 'answer-essay' (graded cells: test-zeros, test-matmul, answer-shapes)"),
        Arguments.of(
            List.of("ada", "answer-shapes", "--score", "3"),
            "ada: 01_tensor/answer-shapes: score 3.0 is above the cell's 2.0 points"),
        Arguments.of(
            List.of("ada", "answer-shapes", "--score", "-1"),
            "ada: 01_tensor/answer-shapes: score -1.0 is below 0"),
        Arguments.of(
            List.of("ada", "answer-shapes", "--score", "NaN"),
            "ada: 01_tensor/answer-shapes: score NaN is not a number"),
        Arguments.of(
            List.of("ada", "answer-shapes", "--score", "two"),
            "Invalid value for option '--score'"),
        Arguments.of(
            List.of("ada", "answer-shapes", "--score", "1", "--extra-credit", "-2"),
            "ada: 01_tensor/answer-shapes: extra credit -2.0 is below 0"),
        Arguments.of(
            List.of("ada", "answer-shapes", "--score", "1", "--namespace", "physics"),
            "--namespace goes with --cluster"),
        Arguments.of(
            List.of("ada", "answer-shapes", "--score", "1", "--notebook", "02_tensor"),
            "01_tensor has no notebook '02_tensor' (notebooks: 01_tensor)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badGrades")
  void aBadGradeIsOneLineExitTwoAndChangesNothing(List<String> args, String message) {
    Map<String, String> before = TitoRun.snapshot(course.resolve(".tito"));
    Map<String, String> feedbackBefore = TitoRun.snapshot(course.resolve("feedback"));

    TitoRun run =
        tito(
            Stream.concat(Stream.of("grades", "set", "01_tensor"), args.stream())
                .toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.err().lines().filter(l -> l.startsWith("tito: ") || l.startsWith("Invalid")))
        .hasSize(1);
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
    assertThat(TitoRun.snapshot(course.resolve(".tito"))).isEqualTo(before);
    assertThat(TitoRun.snapshot(course.resolve("feedback"))).isEqualTo(feedbackBefore);
  }

  @Test
  void aModuleNeverReleasedIsOneLine() {
    TitoRun run = tito("grades", "review", "09_nothing");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("tito: ")
        .contains("no release of module '09_nothing'")
        .hasLineCount(1);
  }
}
