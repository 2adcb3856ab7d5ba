package dev.tito.notebook.autograde;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One notebook of a submission, graded.
 *
 * @param submitted false when the student did not hand this notebook in (every grade is then 0)
 * @param failure "ok", or why execution gave nothing to score (timeout, out_of_memory, kernel_died, invalid_notebook)
 * @param score sum of the tests' scores (before the late penalty)
 * @param comments nbgrader's automatic comments per answer or task cell ("No response." or null)
 * @param notes what autograde corrected in the submission (restored cells, removed duplicates, ...)
 */
public record NotebookGrade(
    @JsonProperty("name") String name,
    @JsonProperty("submitted") boolean submitted,
    @JsonProperty("failure") String failure,
    @JsonProperty("failure_message") String failureMessage,
    @JsonProperty("score") double score,
    @JsonProperty("max_score") double maxScore,
    @JsonProperty("late_penalty") double latePenalty,
    @JsonProperty("needs_manual_grade") boolean needsManualGrade,
    @JsonProperty("tests") List<TestResult> tests,
    @JsonProperty("comments") Map<String, String> comments,
    @JsonProperty("notes") List<String> notes,
    @JsonProperty("timings") Timings timings) {

  public NotebookGrade withLatePenalty(double penalty) {
    return new NotebookGrade(
        name,
        submitted,
        failure,
        failureMessage,
        score,
        maxScore,
        penalty,
        needsManualGrade,
        tests,
        comments,
        notes,
        timings);
  }
}
