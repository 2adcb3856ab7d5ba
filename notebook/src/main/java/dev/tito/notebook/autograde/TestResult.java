package dev.tito.notebook.autograde;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One graded cell (nbgrader's Grade row).
 *
 * @param score what counts now: the automatic score, or 0 while a person still has to grade
 * @param autoScore nbgrader's {@code auto_score}: null when the autograder could not decide
 * @param hidden the cell contained hidden tests the student never saw
 * @param message one line for the student (the error, partial credit, why it needs a person)
 */
public record TestResult(
    @JsonProperty("grade_id") String gradeId,
    @JsonProperty("kind") TestKind kind,
    @JsonProperty("cell_type") String cellType,
    @JsonProperty("score") double score,
    @JsonProperty("auto_score") Double autoScore,
    @JsonProperty("max_score") double maxScore,
    @JsonProperty("status") TestStatus status,
    @JsonProperty("needs_manual_grade") boolean needsManualGrade,
    @JsonProperty("hidden") boolean hidden,
    @JsonProperty("message") String message) {}
