package dev.tito.api.submission;

/** What a Queued submission waits for before it can move on (its status' {@code waitingFor}). */
public enum SubmissionWait {
  /** The Assignment or its Classroom is missing, or a field of theirs cannot be read: an instructor's fix. */
  AssignmentSetup,
  /** The Assignment is not released yet, or its release is not stored yet. */
  Release,
  /** The Classroom's roster cannot be read (its CSV ConfigMap is missing or has no id column). */
  Roster,
  /** A place in the class's grading queue: {@code queuePosition} submissions are ahead. */
  QueuePlace,
  /** The next attempt after an infrastructure failure, at {@code notBefore}. */
  RetryTime,
  /** Kueue to admit the suspended grading Job. */
  KueueAdmission
}
