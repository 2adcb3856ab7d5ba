package dev.tito.api.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Grading outcome, written by the operator alone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubmissionStatus {
  public Long observedGeneration;
  public SubmissionPhase phase;

  @JsonPropertyDescription(
      "One line for the student: why it is queued, failed or refused, or what was graded.")
  public String message;

  @JsonPropertyDescription(
      "Submissions of the class ahead of this one in the grading queue (while Queued).")
  public Integer queuePosition;

  @JsonPropertyDescription(
      "While Queued, what it waits for: AssignmentSetup, Release, Roster, QueuePlace, RetryTime or "
          + "KueueAdmission.")
  public SubmissionWait waitingFor;

  @JsonPropertyDescription(
      "While Queued, the earliest time it may move on (RFC 3339): a retry's next attempt, or the "
          + "Assignment's releaseAt. Absent when only an event moves it (a free slot, Kueue's admission).")
  public String notBefore;

  @JsonPropertyDescription("Score after the late penalty.")
  public Double score;

  public Double maxScore;

  @JsonPropertyDescription("Points taken off for lateness.")
  public Double latePenalty;

  @JsonPropertyDescription(
      "Some cells need a person to grade them; score counts them as 0 until then.")
  public Boolean needsManualGrade;

  @JsonPropertyDescription("Score of each grade cell.")
  public List<TestResult> results = new ArrayList<>();

  @JsonPropertyDescription(
      "Why grading failed: Timeout, OutOfMemory, KernelDied, InvalidNotebook, TooLarge, Late, "
          + "ImagePullError, InfrastructureError.")
  public String failureClass;

  @JsonPropertyDescription("ConfigMap holding the HTML feedback.")
  public String feedbackConfigMap;

  @JsonPropertyDescription("The grading Job of the latest attempt.")
  public String jobName;

  @JsonPropertyDescription(
      "Grading Jobs created for this submission (infrastructure failures are retried).")
  public Integer attempts;

  @JsonPropertyDescription("The Assignment's spec.regrade this submission was last graded for.")
  public Integer gradedRound;

  @JsonPropertyDescription("When it entered the grading queue, for this round.")
  public String queuedAt;

  public String startedAt;
  public String completedAt;
  public List<Condition> conditions = new ArrayList<>();
}
