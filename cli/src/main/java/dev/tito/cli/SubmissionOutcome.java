package dev.tito.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.api.submission.TestResult;
import java.io.IOException;
import java.util.List;

/** One assignment's entry ({@code <assignment>.json}) of the student's results ConfigMap, as the operator writes it. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SubmissionOutcome(
    String name,
    String phase,
    String message,
    Integer queuePosition,
    Double score,
    Double maxScore,
    Double latePenalty,
    String failureClass,
    List<TestResult> results,
    String completedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static SubmissionOutcome parse(String json, String where) {
    try {
      return JSON.readValue(json, SubmissionOutcome.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          where + ": unreadable results: " + UserErrorHandler.oneLine(e.getMessage()));
    }
  }

  boolean finished() {
    return "Graded".equals(phase) || "Failed".equals(phase);
  }

  /** The line shown while waiting: {@code Queued (position 3)}, {@code Grading}. */
  String progress() {
    String line = phase == null ? "Submitted" : phase;
    if (queuePosition != null) {
      line += " (position " + queuePosition + ")";
    }
    return message == null || message.isBlank() ? line : line + ": " + message;
  }

  List<TestResult> tests() {
    return results == null ? List.of() : results;
  }
}
