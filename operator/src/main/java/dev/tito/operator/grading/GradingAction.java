package dev.tito.operator.grading;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;

/**
 * What a grading decision asks of the cluster and the operator, performed by {@link SubmissionActor}: the writes before
 * the status that records them, the meters and the queue's wake-ups after it.
 */
sealed interface GradingAction {
  /** Whether it waits for the status write (it announces what the status records). */
  default boolean afterStatus() {
    return false;
  }

  /**
   * Creates the Job (a 409 means a restarted operator made it already: adopted by name).
   *
   * @param classroom the class queue's key ({@code namespace/name}) whose reservation a failed create gives back
   * @param sinceSubmission the wait from the Submission to its first Job, for the meter; null on a later attempt
   */
  record CreateJob(Job job, String classroom, Duration sinceSubmission) implements GradingAction {}

  /** Deletes a stuck attempt's Job, which would hold a slot until its deadline. */
  record DeleteJob(Job job) implements GradingAction {}

  /** Creates or replaces the student's feedback page. */
  record WriteFeedback(ConfigMap page) implements GradingAction {}

  /** Makes the Submission an owner of its files: one merge patch of the owner list, with the resourceVersion read. */
  record OwnFiles(ConfigMap patch) implements GradingAction {}

  /** The queue stops counting its own reservation of the Job: the cache shows it now, or it was never made. */
  record ForgetReservation(String classroom, String job) implements GradingAction {}

  /** The class's queued heads that show a place are reconciled: one ahead of them took a slot. */
  record WakeQueueHeads(String namespace, String classroom, String except)
      implements GradingAction {
    @Override
    public boolean afterStatus() {
      return true;
    }
  }

  /** {@code graded}, or a failure class, for tito_grading_outcomes_total. */
  record CountOutcome(String outcome) implements GradingAction {
    @Override
    public boolean afterStatus() {
      return true;
    }
  }

  /** The Job's start to its result read, for tito_grading_duration_seconds. */
  record TimeGrading(Duration took) implements GradingAction {
    @Override
    public boolean afterStatus() {
      return true;
    }
  }
}
