package dev.tito.operator.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.TestResult;
import java.util.List;

/**
 * What a student may read of one Submission: its grading status without the operator's bookkeeping (jobs,
 * attempts, conditions). Stored as {@code <assignment>.json} in the student's results ConfigMap.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "phase",
  "message",
  "queuePosition",
  "score",
  "maxScore",
  "latePenalty",
  "failureClass",
  "results",
  "completedAt"
})
public record SubmissionSummary(
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

  public static SubmissionSummary of(Submission submission) {
    SubmissionStatus status =
        submission.getStatus() == null ? new SubmissionStatus() : submission.getStatus();
    return new SubmissionSummary(
        submission.getMetadata().getName(),
        status.phase == null ? null : status.phase.name(),
        status.message,
        status.queuePosition,
        status.score,
        status.maxScore,
        status.latePenalty,
        status.failureClass,
        status.results == null || status.results.isEmpty() ? null : status.results,
        status.completedAt);
  }
}
