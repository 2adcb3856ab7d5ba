package dev.tito.api.submission;

/** Where a submission is in grading. */
public enum SubmissionPhase {
  Queued,
  Grading,
  Graded,
  Failed
}
