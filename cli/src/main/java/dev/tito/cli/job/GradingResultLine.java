package dev.tito.cli.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.GradingResultJson;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestResult;
import java.util.List;

/**
 * The score step's one line of output (docs/grading-jobs.md): {@code {"tito":"grading-result","result":...,
 * "feedback":"..."}}. It stays below the 1 MiB the operator reads: the feedback is cut to {@link #FEEDBACK_LIMIT}
 * bytes as JSON text, and a result larger than {@link #RESULT_LIMIT} (its free text can quote student output or
 * sources) has that text shortened as the operator's strict reader shortens it.
 */
@JsonPropertyOrder({"tito", "result", "feedback"})
record GradingResultLine(
    @JsonProperty("tito") String tito,
    @JsonProperty("result") GradingResult result,
    @JsonProperty("feedback") String feedback) {

  static final int FEEDBACK_LIMIT = 512 * 1024;
  static final int RESULT_LIMIT = 256 * 1024;
  static final String KIND = "grading-result";
  private static final int MAX_NOTES = 100;

  static String of(GradingResult result, String feedbackHtml) {
    try {
      ObjectMapper json = new ObjectMapper();
      GradingResult kept =
          json.writeValueAsBytes(result).length <= RESULT_LIMIT ? result : bounded(result);
      return json.writeValueAsString(new GradingResultLine(KIND, kept, cut(feedbackHtml)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The page, or its beginning (at a line end) with a visible note, so its JSON text fits the limit. */
  static String cut(String html) {
    long budget = FEEDBACK_LIMIT - 1024;
    long size = 0;
    int lastLineEnd = 0;
    for (int i = 0; i < html.length(); i++) {
      size += jsonBytes(html.charAt(i));
      if (size > budget) {
        return html.substring(0, lastLineEnd)
            + "</pre></div>\n<p class=\"message\"><strong>Feedback cut: the page is "
            + (jsonSize(html) >> 10)
            + " KiB, more than the "
            + (FEEDBACK_LIMIT >> 10)
            + " KiB a grading Job reports.</strong></p>\n</body>\n</html>\n";
      }
      if (html.charAt(i) == '\n') {
        lastLineEnd = i + 1;
      }
    }
    return html;
  }

  private static long jsonSize(String text) {
    long size = 0;
    for (int i = 0; i < text.length(); i++) {
      size += jsonBytes(text.charAt(i));
    }
    return size;
  }

  /** Bytes of one UTF-16 unit in Jackson's JSON string (escapes; a surrogate half counts half of its 4 bytes). */
  private static int jsonBytes(char c) {
    if (c == '"' || c == '\\' || c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f') {
      return 2;
    }
    if (c < 0x20) {
      return 6;
    }
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800 || Character.isSurrogate(c)) {
      return 2;
    }
    return 3;
  }

  private static GradingResult bounded(GradingResult result) {
    List<NotebookGrade> notebooks =
        result.notebooks().stream()
            .map(
                n ->
                    new NotebookGrade(
                        n.name(),
                        n.submitted(),
                        n.failure(),
                        GradingResultJson.shorten(n.failureMessage()),
                        n.score(),
                        n.maxScore(),
                        n.latePenalty(),
                        n.needsManualGrade(),
                        n.tests().stream().map(GradingResultLine::bounded).toList(),
                        n.comments(),
                        n.notes().stream()
                            .limit(MAX_NOTES)
                            .map(GradingResultJson::shorten)
                            .toList(),
                        n.timings()))
            .toList();
    return GradingResult.of(
        result.module(), result.student(), result.timestamp(), result.secondsLate(), notebooks);
  }

  private static TestResult bounded(TestResult t) {
    return new TestResult(
        t.gradeId(),
        t.kind(),
        t.cellType(),
        t.score(),
        t.autoScore(),
        t.maxScore(),
        t.status(),
        t.needsManualGrade(),
        t.hidden(),
        GradingResultJson.shorten(t.message()));
  }
}
