package dev.tito.notebook.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.autograde.GradedSubmission;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.PythonFloat;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One self-contained HTML feedback page per notebook, nbgrader's feedback template in spirit: the
 * heading {@code <nb> (Score: S / M)}, a score per graded cell, the cells (markdown rendered) with their
 * outputs and errors. Hidden tests and mark schemes are not shown, nor a hidden test's traceback (it
 * quotes the source): a failing hidden test is one line, "Hidden test failed: IndexError: ...". Student
 * HTML output and raw HTML in markdown are shown as text so the page cannot run student script.
 */
public final class FeedbackPage {
  private static final String STYLE =
      """
      body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
      h1{font-size:1.6em} .cell{border:1px solid #ddd;border-radius:4px;margin:1em 0;padding:.5em}
      .graded{border-color:#888} .score{display:block;text-align:right;font-weight:bold;margin-bottom:.3em}
      .passed .score{color:#1a7f37} .markdown{padding:0 .3em} .markdown img{max-width:100%}
      .failed .score,.missing .score{color:#c62828} .partial .score{color:#b26a00} .needs_manual_grade .score{color:#555}
      pre{white-space:pre-wrap;word-wrap:break-word;background:#f6f8fa;padding:.5em;margin:.3em 0}
      pre.error{background:#fdecea} pre.stderr{background:#fff4e5} .message{font-style:italic}
      img{max-width:100%} table{border-collapse:collapse} td,th{padding:.2em .8em;border-bottom:1px solid #eee}
      """;

  // what depends on the scores is marked, so a page can be brought up to date with a person's
  // grades (regrade)
  private static final String TITLE = "title";
  private static final String MODULE = "module";
  private static final String NOTEBOOK = "notebook:";
  private static final String PENALTY = "penalty:";
  private static final String ROW = "row:";
  private static final String BADGE = "badge:";
  private static final String COMMENT = "comment:";
  private static final String MESSAGE = "message:";
  private static final Pattern MARKED =
      Pattern.compile("<!--tito:([^>]*?)-->(.*?)<!--/tito:\\1-->", Pattern.DOTALL);

  private FeedbackPage() {}

  /** Student text is escaped everywhere, so no part of it can open or close a marker. */
  private static String marked(String key, String html) {
    String name = escape(key);
    return "<!--tito:" + name + "-->" + html + "<!--/tito:" + name + "-->";
  }

  /**
   * A page {@link #render(GradedSubmission)} made, with the scores, statuses and comments of {@code now} (the same
   * submission after a person graded some cells): what a fresh render would show, without the notebooks. A cell
   * without a person's comment keeps the comment the page had.
   */
  public static String regrade(String page, GradingResult now) {
    Map<String, String> fragments = new HashMap<>();
    String title = title(now.module(), now.score(), now.maxScore());
    fragments.put(TITLE, "<title>" + escape(title) + "</title>");
    fragments.put(MODULE, heading("h1", title));
    for (NotebookGrade notebook : now.notebooks()) {
      fragments.put(NOTEBOOK + "h2:" + notebook.name(), heading("h2", notebookTitle(notebook)));
      fragments.put(PENALTY + notebook.name(), penalty(notebook.latePenalty()));
      for (TestResult test : notebook.tests()) {
        String anchor = notebook.name() + "-" + test.gradeId();
        fragments.put(ROW + anchor, row(test));
        fragments.put(BADGE + anchor, badge(test));
        if (staleMessage(test)) {
          fragments.put(MESSAGE + anchor, "");
        }
        if (test.comment() != null) {
          fragments.put(COMMENT + anchor, comment(test, null));
        }
      }
    }
    return MARKED
        .matcher(page)
        .replaceAll(
            m ->
                java.util.regex.Matcher.quoteReplacement(
                    fragments.containsKey(unescape(m.group(1)))
                        ? marked(unescape(m.group(1)), fragments.get(unescape(m.group(1))))
                        : m.group()));
  }

  private static String unescape(String text) {
    return text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  /** Python's {@code round(x, 2)} printed as a float, as nbgrader's template prints scores. */
  public static String score(double value) {
    return PythonFloat.repr(Math.round(value * 100) / 100.0);
  }

  public static String render(Notebook autograded, NotebookGrade grade) {
    StringBuilder html = head(notebookTitle(grade));
    appendNotebook(html, autograded, grade, "h1", "");
    return html.append("</body>\n</html>\n").toString();
  }

  /**
   * One page for a whole submission (a grading Job's feedback): the assignment's total, then each notebook as
   * {@link #render(Notebook, NotebookGrade)} shows it, its anchors prefixed by its name so they stay unique.
   */
  public static String render(GradedSubmission graded) {
    GradingResult result = graded.result();
    String title = title(result.module(), result.score(), result.maxScore());
    StringBuilder html = head(title).append(marked(MODULE, heading("h1", title))).append('\n');
    for (NotebookGrade grade : result.notebooks()) {
      appendNotebook(html, graded.autograded().get(grade.name()), grade, "h2", grade.name() + "-");
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static String title(String name, double score, double max) {
    return name + " (Score: " + score(score) + " / " + score(max) + ")";
  }

  private static String heading(String tag, String title) {
    return "<" + tag + ">" + escape(title) + "</" + tag + ">";
  }

  private static String notebookTitle(NotebookGrade grade) {
    return title(grade.name(), grade.score() - grade.latePenalty(), grade.maxScore());
  }

  private static StringBuilder head(String title) {
    return new StringBuilder(8192)
        .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append(marked(TITLE, "<title>" + escape(title) + "</title>"))
        .append("\n<style>")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
  }

  private static void appendNotebook(
      StringBuilder html,
      Notebook autograded,
      NotebookGrade grade,
      String heading,
      String anchorPrefix) {
    html.append(
            marked(NOTEBOOK + heading + ":" + grade.name(), heading(heading, notebookTitle(grade))))
        .append('\n');
    if (!grade.submitted()) {
      html.append("<p class=\"message\">Not submitted.</p>\n");
    }
    if (!"ok".equals(grade.failure())) {
      html.append("<p class=\"message\">Grading run failed (")
          .append(escape(grade.failure()))
          .append("): ")
          .append(escape(grade.failureMessage()))
          .append("</p>\n");
    }
    appendContents(html, grade.tests(), anchorPrefix);
    html.append(marked(PENALTY + grade.name(), penalty(grade.latePenalty()))).append('\n');
    if (autograded != null) {
      Map<String, TestResult> tests = new HashMap<>();
      grade.tests().forEach(t -> tests.put(t.gradeId(), t));
      List<Cell> cells = StudentView.of(autograded).cells();
      for (int i = 0; i < cells.size(); i++) {
        Cell cell = cells.get(i);
        String id = GradingFlags.gradeId(cell);
        appendCell(
            html,
            cell,
            autograded.cells().get(i).source(),
            id == null ? null : tests.get(id),
            grade.comments().get(id == null ? "" : id),
            anchorPrefix);
      }
    }
  }

  private static void appendContents(
      StringBuilder html, List<TestResult> tests, String anchorPrefix) {
    html.append("<table>\n<tr><th>Cell</th><th>Kind</th><th>Score</th><th>Status</th></tr>\n");
    for (TestResult test : tests) {
      html.append("<tr><td><a href=\"#")
          .append(escape(anchorPrefix + test.gradeId()))
          .append("\">")
          .append(escape(test.gradeId()))
          .append("</a></td><td>")
          .append(label(test))
          .append("</td>")
          .append(marked(ROW + anchorPrefix + test.gradeId(), row(test)))
          .append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static String penalty(double penalty) {
    return penalty > 0 ? "<p>Late submission penalty (Score: -" + score(penalty) + ")</p>" : "";
  }

  /** The score and status cells of a table row: a person's grade shows as theirs. */
  private static String row(TestResult test) {
    return "<td>"
        + score(test.score())
        + " / "
        + score(test.maxScore())
        + "</td><td>"
        + (test.gradedByPerson()
            ? "graded by your instructor"
            : test.status().wireName().replace('_', ' '))
        + "</td>";
  }

  /** The autograder's message of an answer or task a person graded ("needs manual grading") no longer holds. */
  private static boolean staleMessage(TestResult test) {
    return test.gradedByPerson() && test.kind() != TestKind.AUTOGRADED_TEST;
  }

  /** A graded cell's badge, with extra credit and who graded it. */
  private static String badge(TestResult test) {
    return "<span class=\"score\">Score: "
        + score(test.score())
        + " / "
        + score(test.maxScore())
        + (test.extraCredit() == null || test.extraCredit() == 0
            ? ""
            : " (includes " + score(test.extraCredit()) + " extra credit)")
        + (test.gradedByPerson() ? " (graded by your instructor)" : "")
        + "</span>";
  }

  /** nbgrader's comment: the person's when they wrote one, else the autograder's ("No response."). */
  private static String comment(TestResult test, String autoComment) {
    String comment = test != null && test.comment() != null ? test.comment() : autoComment;
    return comment == null ? "" : "<p class=\"comment\">Comment: " + escape(comment) + "</p>";
  }

  private static String label(TestResult test) {
    return switch (test.kind()) {
      case AUTOGRADED_TEST -> "Test cell";
      case MANUAL_ANSWER ->
          "markdown".equals(test.cellType()) ? "Written response" : "Coding free-response";
      case TASK -> "Task";
    };
  }

  /** @param source the cell's source with any hidden tests in place (only to tell where an error came from) */
  private static void appendCell(
      StringBuilder html,
      Cell cell,
      String source,
      TestResult test,
      String comment,
      String anchorPrefix) {
    html.append("<div class=\"cell ").append(escape(cell.type()));
    if (test != null) {
      html.append(" graded ")
          .append(test.status().wireName())
          .append("\" id=\"")
          .append(escape(anchorPrefix + test.gradeId()));
    }
    html.append("\">\n");
    if (test != null) {
      html.append(marked(BADGE + anchorPrefix + test.gradeId(), badge(test))).append('\n');
    }
    if (cell.isMarkdown()) {
      html.append("<div class=\"source markdown\">")
          .append(Markdown.html(cell.source()))
          .append("</div>\n");
    } else {
      html.append("<pre class=\"source\">").append(escape(cell.source())).append("</pre>\n");
    }
    StringBuilder shown = new StringBuilder();
    if (cell.isCode()) {
      for (JsonNode output : cell.outputs()) {
        shown.append(appendOutput(html, output, test != null && test.hidden() ? source : null));
      }
    }
    String autoComment = test != null && test.comment() != null ? null : comment;
    // the autograder's message, unless the page already says it (the error above, nbgrader's "No
    // response." comment)
    if (test != null
        && !test.message().isEmpty()
        && !shown.toString().contains(test.message())
        && !test.message().equals(autoComment)) {
      html.append(
              marked(
                  MESSAGE + anchorPrefix + test.gradeId(),
                  staleMessage(test)
                      ? ""
                      : "<p class=\"message\">" + escape(test.message()) + "</p>"))
          .append('\n');
    }
    if (test != null) {
      html.append(marked(COMMENT + anchorPrefix + test.gradeId(), comment(test, comment)))
          .append('\n');
    } else if (comment != null) {
      html.append(comment(null, comment)).append('\n');
    }
    html.append("</div>\n");
  }

  /**
   * Appends one output; returns the text it showed. An error of a cell holding hidden tests ({@code hiddenSource}
   * not null) is one line, said to come from a hidden test when it did, never with the traceback (it quotes them).
   */
  private static String appendOutput(StringBuilder html, JsonNode output, String hiddenSource) {
    String text = "";
    switch (output.path("output_type").asText()) {
      case "stream" -> {
        text = OutputText.plain(output.path("text").asText());
        html.append("<pre class=\"")
            .append("stderr".equals(output.path("name").asText()) ? "stderr" : "stdout")
            .append("\">")
            .append(escape(text))
            .append("</pre>\n");
      }
      case "error" -> {
        text =
            hiddenSource == null
                ? OutputText.error(output, true)
                : HiddenTestFailure.describe(hiddenSource, output);
        html.append("<pre class=\"error\">").append(escape(text)).append("</pre>\n");
      }
      case "execute_result", "display_data" -> {
        JsonNode data = output.path("data");
        if (data.hasNonNull("image/png")) {
          html.append("<img alt=\"output\" src=\"data:image/png;base64,")
              .append(escape(data.path("image/png").asText().replaceAll("\\s", "")))
              .append("\">\n");
        } else if (data.hasNonNull("text/plain")) {
          text = OutputText.plain(data.path("text/plain").asText());
          html.append("<pre class=\"result\">").append(escape(text)).append("</pre>\n");
        }
      }
      default -> {}
    }
    return text;
  }

  /** Text as HTML text or attribute value: {@code < > & " '} escaped (the gateway's pages use it too). */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
