package dev.tito.notebook.feedback;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.json;
import static dev.tito.notebook.testing.TestNotebooks.markdown;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static dev.tito.notebook.testing.TestNotebooks.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.autograde.GradedSubmission;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import dev.tito.notebook.ipynb.Notebook;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedbackPageTest {
  @Test
  void showsTheScoresAndTheStudentsViewOnly() {
    ObjectNode hidden =
        tests(
            code(
                "assert f() == 1\n### BEGIN HIDDEN TESTS\nassert f(2) == 'secret'\n### END HIDDEN TESTS"),
            "check",
            2);
    hidden
        .withArray("outputs")
        .add(
            json(
                "{\"output_type\": \"error\", \"ename\": \"AssertionError\", \"evalue\": \"\", "
                    + "\"traceback\": [\"assert f(2) == 'secret'\"]}"));
    ObjectNode student = code("print('<script>alert(1)</script>')");
    student
        .withArray("outputs")
        .add(
            json(
                "{\"output_type\": \"display_data\", \"metadata\": {}, \"data\": "
                    + "{\"text/html\": \"<script>alert(1)</script>\", \"text/plain\": \"<b>hi</b>\"}}"));
    Notebook autograded = notebook(student, hidden);
    NotebookGrade grade =
        new NotebookGrade(
            "p1",
            true,
            "ok",
            "",
            0.5,
            2.0,
            0.25,
            false,
            List.of(
                new TestResult(
                    "check",
                    TestKind.AUTOGRADED_TEST,
                    "code",
                    0.5,
                    0.5,
                    2.0,
                    TestStatus.PARTIAL,
                    false,
                    true,
                    "partial credit: 0.5 of 2.0")),
            Map.of(),
            List.of(),
            new Timings(0, 0, 0));
    String page = FeedbackPage.render(autograded, grade);
    assertThat(page)
        .contains(
            "<h1>p1 (Score: 0.25 / 2.0)</h1>",
            "Score: 0.5 / 2.0",
            "assert f() == 1",
            "Late submission penalty (Score: -0.25)",
            "AssertionError: ",
            "&lt;b&gt;hi&lt;/b&gt;");
    assertThat(page).doesNotContain("secret", "HIDDEN TESTS", "<script>");
  }

  @Test
  void aWholeSubmissionIsOnePageWithEachNotebooksAnchorsKeptApart() {
    TestResult check =
        new TestResult(
            "check",
            TestKind.AUTOGRADED_TEST,
            "code",
            2.0,
            2.0,
            2.0,
            TestStatus.PASSED,
            false,
            false,
            "");
    NotebookGrade p1 =
        new NotebookGrade(
            "p1",
            true,
            "ok",
            "",
            2.0,
            2.0,
            0,
            false,
            List.of(check),
            Map.of(),
            List.of(),
            new Timings(0, 0, 0));
    NotebookGrade p2 =
        new NotebookGrade(
            "p2",
            false,
            "ok",
            "",
            0,
            1.0,
            0,
            false,
            List.of(
                new TestResult(
                    "check",
                    TestKind.AUTOGRADED_TEST,
                    "code",
                    0,
                    0.0,
                    1.0,
                    TestStatus.MISSING,
                    false,
                    false,
                    "notebook not submitted")),
            Map.of(),
            List.of(),
            new Timings(0, 0, 0));
    GradedSubmission graded =
        new GradedSubmission(
            GradingResult.of("m1", "ada", null, 0, List.of(p1, p2)),
            Map.of("p1", notebook(tests(code("assert True"), "check", 2))));

    String page = FeedbackPage.render(graded);

    assertThat(page)
        .startsWith("<!DOCTYPE html>")
        .contains(
            "<title>m1 (Score: 2.0 / 3.0)</title>",
            "<h1>m1 (Score: 2.0 / 3.0)</h1>",
            "<h2>p1 (Score: 2.0 / 2.0)</h2>",
            "<h2>p2 (Score: 0.0 / 1.0)</h2>",
            "Not submitted.",
            "href=\"#p1-check\"",
            "id=\"p1-check\"",
            "href=\"#p2-check\"",
            "assert True");
    assertThat(page.indexOf("<h2>p1")).isLessThan(page.indexOf("<h2>p2"));
  }

  @Test
  void roundsScoresAsNbgradersTemplate() {
    assertThat(FeedbackPage.score(10)).isEqualTo("10.0");
    assertThat(FeedbackPage.score(1.0 / 3)).isEqualTo("0.33");
  }

  @Test
  void aPersonsScoreExtraCreditAndEscapedCommentShowOnTheAnswer() {
    TestResult essay =
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
                "needs manual grading")
            .graded(1.5, 0.5, "<script>x()</script> ok");
    NotebookGrade grade =
        new NotebookGrade(
            "p1",
            true,
            "ok",
            "",
            2.0,
            2.0,
            0,
            false,
            List.of(essay),
            Map.of("essay", ""),
            List.of(),
            new Timings(0, 0, 0));
    ObjectNode answer =
        with(
            markdown("Because shapes."),
            "{\"schema_version\": 3, \"grade\": true, "
                + "\"solution\": true, \"locked\": false, \"grade_id\": \"essay\", \"points\": 2}");

    String page = FeedbackPage.render(notebook(answer), grade);

    assertThat(page)
        .contains(
            "p1 (Score: 2.0 / 2.0)",
            "Score: 2.0 / 2.0 (includes 0.5 extra credit) (graded by your instructor)",
            "<td>2.0 / 2.0</td><td>graded by your instructor</td>",
            "Comment: &lt;script&gt;x()&lt;/script&gt; ok",
            "Because shapes.");
    assertThat(page).doesNotContain("<script>", "needs manual grade</td>");
  }

  @Test
  void aJobsPageRegradedWithAPersonsGradesIsTheFreshPageOfThoseGrades() {
    TestResult check =
        new TestResult(
            "check",
            TestKind.AUTOGRADED_TEST,
            "code",
            0.0,
            0.0,
            2.0,
            TestStatus.FAILED,
            false,
            false,
            "AssertionError");
    TestResult essay =
        new TestResult(
            "essay",
            TestKind.MANUAL_ANSWER,
            "markdown",
            0,
            null,
            3.0,
            TestStatus.NEEDS_MANUAL_GRADE,
            true,
            false,
            "needs manual grading");
    Notebook autograded =
        notebook(
            tests(code("assert False"), "check", 2),
            with(
                markdown("Because."),
                "{\"schema_version\": 3, \"grade\": true, \"solution\": true, \"locked\": false, "
                    + "\"grade_id\": \"essay\", \"points\": 3}"));
    Map<String, String> comments = new java.util.HashMap<>();
    comments.put("essay", null);
    GradingResult auto =
        GradingResult.of(
            "m1",
            "ada",
            null,
            0,
            List.of(
                new NotebookGrade(
                    "p1",
                    true,
                    "ok",
                    "",
                    0.0,
                    5.0,
                    0,
                    true,
                    List.of(check, essay),
                    comments,
                    List.of(),
                    new Timings(0, 0, 0))));
    GradingResult graded =
        GradingResult.of(
            "m1",
            "ada",
            null,
            0,
            List.of(
                new NotebookGrade(
                    "p1",
                    true,
                    "ok",
                    "",
                    3.5,
                    5.0,
                    0,
                    false,
                    List.of(check.graded(1.0, null, null), essay.graded(2.5, null, "nice & short")),
                    comments,
                    List.of(),
                    new Timings(0, 0, 0))));

    String regraded =
        FeedbackPage.regrade(
            FeedbackPage.render(new GradedSubmission(auto, Map.of("p1", autograded))), graded);

    assertThat(regraded)
        .isEqualTo(FeedbackPage.render(new GradedSubmission(graded, Map.of("p1", autograded))));
    assertThat(regraded)
        .contains("<title>m1 (Score: 3.5 / 5.0)</title>", "Comment: nice &amp; short");
  }

  @Test
  void markdownCellsAreRenderedAndTheirRawHtmlIsText() {
    String page =
        FeedbackPage.render(
            notebook(markdown("# Tensors\n\nUse `np.zeros`, *not* <script>alert(1)</script>.")),
            new NotebookGrade(
                "p1",
                true,
                "ok",
                "",
                0,
                0,
                0,
                false,
                List.of(),
                Map.of(),
                List.of(),
                new Timings(0, 0, 0)));

    assertThat(page)
        .contains(
            "<div class=\"source markdown\"><h1>Tensors</h1>",
            "<p>Use <code>np.zeros</code>, <em>not</em> &lt;script&gt;alert(1)&lt;/script&gt;.</p>");
    assertThat(page).doesNotContain("<script>", "# Tensors");
  }

  @Test
  void aFailingHiddenTestIsOneLineSayingSoWithoutItsSourceOrTheErrorTwice() {
    String page = hiddenFailure("Cell In[5], line 4");

    assertThat(page)
        .contains(
            "<pre class=\"error\">Hidden test failed: IndexError: index 2 is out of bounds</pre>");
    assertThat(page.split("index 2 is out of bounds", -1)).as("the error said once").hasSize(2);
    assertThat(page).doesNotContain("np.ones", "HIDDEN TESTS", "Traceback");
  }

  @Test
  void aFailingVisibleTestOfACellWithHiddenTestsIsNotBlamedOnThem() {
    assertThat(hiddenFailure("Input In [5], in <cell line: 1>()"))
        .contains("<pre class=\"error\">IndexError: index 2 is out of bounds</pre>")
        .doesNotContain("Hidden test");
    assertThat(hiddenFailure("no frame of the cell"))
        .contains("A test of this cell failed: IndexError: index 2");
  }

  @Test
  void anUnansweredQuestionSaysNoResponseOnceAndAGradedOneNoLongerSaysItNeedsAPerson() {
    TestResult blank =
        new TestResult(
            "essay",
            TestKind.MANUAL_ANSWER,
            "markdown",
            0,
            0.0,
            2.0,
            TestStatus.FAILED,
            false,
            false,
            "No response.");
    TestResult graded =
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
                "needs manual grading")
            .graded(1.0, null, "Good.");
    ObjectNode answer =
        with(
            markdown("YOUR ANSWER HERE"),
            "{\"schema_version\": 3, \"grade\": true, "
                + "\"solution\": true, \"locked\": false, \"grade_id\": \"essay\", \"points\": 2}");

    String unanswered =
        FeedbackPage.render(
            notebook(answer),
            new NotebookGrade(
                "p1",
                true,
                "ok",
                "",
                0,
                2.0,
                0,
                false,
                List.of(blank),
                Map.of("essay", "No response."),
                List.of(),
                new Timings(0, 0, 0)));
    String personal =
        FeedbackPage.render(
            notebook(answer.deepCopy()),
            new NotebookGrade(
                "p1",
                true,
                "ok",
                "",
                1.0,
                2.0,
                0,
                false,
                List.of(graded),
                Map.of(),
                List.of(),
                new Timings(0, 0, 0)));

    assertThat(unanswered.split("No response\\.", -1)).hasSize(2);
    assertThat(personal).contains("Comment: Good.").doesNotContain("needs manual grading");
  }

  @Test
  void theScoreBadgeIsALineOfItsOwnAboveTheAnswerNotFloatingOverIt() {
    assertThat(hiddenFailure("Cell In[5], line 4"))
        .contains(".score{display:block;")
        .doesNotContain("float:");
  }

  /** A test cell with a hidden region (lines 3 to 4) whose error's traceback names {@code frame}. */
  private static String hiddenFailure(String frame) {
    ObjectNode cell =
        tests(
            code(
                "a = f()\n### BEGIN HIDDEN TESTS\nf(np.ones((3, 1)))\nassert g()\n"
                    + "### END HIDDEN TESTS"),
            "check",
            2);
    cell.withArray("outputs")
        .add(
            json(
                "{\"output_type\": \"error\", \"ename\": \"IndexError\", \"evalue\": "
                    + "\"index 2 is out of bounds\", \"traceback\": [\"Traceback (most recent call last)\", \"\\u001b[0;32m"
                    + frame
                    + "\\u001b[0m\\n      3 f(np.ones((3, 1)))\", \"IndexError: index 2 is out of bounds\"]}"));
    return FeedbackPage.render(
        notebook(cell),
        new NotebookGrade(
            "p1",
            true,
            "ok",
            "",
            0,
            2.0,
            0,
            false,
            List.of(
                new TestResult(
                    "check",
                    TestKind.AUTOGRADED_TEST,
                    "code",
                    0,
                    0.0,
                    2.0,
                    TestStatus.FAILED,
                    false,
                    true,
                    "IndexError: index 2 is out of bounds")),
            Map.of(),
            List.of(),
            new Timings(0, 0, 0)));
  }
}
