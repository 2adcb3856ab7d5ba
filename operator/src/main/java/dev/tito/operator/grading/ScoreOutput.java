package dev.tito.operator.grading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.GradingResultJson;
import dev.tito.notebook.autograde.InvalidGradingResultException;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The score container's one line {@code {"tito":"grading-result","result":...,"feedback":"<html>"}}, read as untrusted:
 * the result through the strict reader and clamped to the operator's own gradebook rows, the feedback capped.
 *
 * @param result scores clamped to [0, max] per test and totals recomputed; no late penalty yet
 * @param feedback the HTML page for the student, under {@link #FEEDBACK_LIMIT} characters
 */
public record ScoreOutput(GradingResult result, String feedback) {
  /** The most log read from the score container: the contract's {@code limitBytes}. */
  public static final int LOG_LIMIT = 1 << 20;

  /** Room for the feedback page in its ConfigMap, under etcd's 1 MiB object limit. */
  public static final int FEEDBACK_LIMIT = 900 * 1024;

  private static final String MARKER = "\"tito\":\"grading-result\"";
  private static final ObjectMapper READER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Throws InvalidGradingResultException with one line naming what is wrong. */
  public static ScoreOutput parse(
      String log, String assignment, String student, ReleaseGradebook gradebook) {
    if (log == null || log.length() > LOG_LIMIT) {
      throw new InvalidGradingResultException(
          "score output: " + (log == null ? "no log" : "more than " + LOG_LIMIT + " bytes"));
    }
    String line =
        log.lines().filter(l -> l.contains(MARKER)).reduce((first, second) -> second).orElse(null);
    if (line == null) {
      throw new InvalidGradingResultException("score output: no grading-result line");
    }
    JsonNode tree;
    try {
      tree = READER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidGradingResultException("score output: not JSON: " + e.getOriginalMessage());
    }
    if (!tree.isObject()
        || !"grading-result".equals(tree.path("tito").asText())
        || !tree.path("result").isObject()) {
      throw new InvalidGradingResultException("score output: not a grading-result line");
    }
    byte[] result;
    try {
      result = READER.writeValueAsBytes(tree.get("result"));
    } catch (JsonProcessingException e) {
      throw new InvalidGradingResultException("score output: " + e.getOriginalMessage());
    }
    GradingResult trusted =
        GradingResultJson.readUntrusted(result, "score output", assignment, student, gradebook);
    JsonNode feedback = tree.path("feedback");
    return new ScoreOutput(trusted, feedback.isTextual() ? capped(feedback.asText()) : "");
  }

  private static String capped(String html) {
    if (html.getBytes(StandardCharsets.UTF_8).length <= FEEDBACK_LIMIT) {
      return html;
    }
    // encoding into a full buffer stops at a whole character: the cut text stays valid UTF-8
    CharBuffer text = CharBuffer.wrap(html);
    StandardCharsets.UTF_8
        .newEncoder()
        .encode(text, ByteBuffer.allocate(FEEDBACK_LIMIT - 128), true);
    return html.substring(0, text.position())
        + "\n<p>(feedback cut: it was longer than the operator keeps)</p>\n";
  }
}
