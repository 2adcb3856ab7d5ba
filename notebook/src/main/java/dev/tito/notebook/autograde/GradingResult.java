package dev.tito.notebook.autograde;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A student's graded submission of one module: what {@code tito module grade} stores in
 * {@code <course>/.tito/grades/<module>/<student>.json} and a grading Job emits. Schema:
 * docs/grading-result-schema.md.
 *
 * @param timestamp submission time in UTC as nbgrader prints it ({@code 2015-02-02 22:58:23.948203}), or null
 * @param rawScore sum of the notebooks' scores
 * @param score raw score minus the late penalty, never below 0
 */
public record GradingResult(
    @JsonProperty("schema_version") int schemaVersion,
    @JsonProperty("module") String module,
    @JsonProperty("student") String student,
    @JsonProperty("timestamp") String timestamp,
    @JsonProperty("seconds_late") double secondsLate,
    @JsonProperty("raw_score") double rawScore,
    @JsonProperty("late_penalty") double latePenalty,
    @JsonProperty("score") double score,
    @JsonProperty("max_score") double maxScore,
    @JsonProperty("needs_manual_grade") boolean needsManualGrade,
    @JsonProperty("notebooks") List<NotebookGrade> notebooks) {

  public static final int SCHEMA_VERSION = 1;

  /** Totals computed from the notebooks, as nbgrader sums them. */
  public static GradingResult of(
      String module,
      String student,
      String timestamp,
      double secondsLate,
      List<NotebookGrade> notebooks) {
    double raw = notebooks.stream().mapToDouble(NotebookGrade::score).sum();
    double penalty = notebooks.stream().mapToDouble(NotebookGrade::latePenalty).sum();
    double max = notebooks.stream().mapToDouble(NotebookGrade::maxScore).sum();
    boolean manual = notebooks.stream().anyMatch(NotebookGrade::needsManualGrade);
    return new GradingResult(
        SCHEMA_VERSION,
        module,
        student,
        timestamp,
        secondsLate,
        raw,
        penalty,
        Math.max(0, raw - penalty),
        max,
        manual,
        List.copyOf(notebooks));
  }

  /** Points of the cells that still wait for a person (0 when none do). */
  public double pendingPoints() {
    return notebooks.stream()
        .flatMap(n -> n.tests().stream())
        .filter(TestResult::needsManualGrade)
        .mapToDouble(TestResult::maxScore)
        .sum();
  }

  /** The first notebook's failure class that is not "ok", or "ok". */
  public String failure() {
    return notebooks.stream()
        .map(NotebookGrade::failure)
        .filter(f -> !"ok".equals(f))
        .findFirst()
        .orElse("ok");
  }
}
