package dev.tito.operator.grading;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The grading Job a reconcile looks at (the current attempt's, or the one the next attempt would adopt), as seen.
 *
 * @param name the Job's name
 * @param job the Job as cached (CACHED only)
 * @param outcome where it stands (CACHED, when following an attempt)
 * @param score what its score container printed (once it succeeded)
 */
record ObservedJob(String name, Presence presence, Job job, JobOutcome outcome, ScoreRead score) {
  enum Presence {
    /** In the informer cache. */
    CACHED,
    /** Not in the cache yet, but the API server has it: just created. */
    NOT_CACHED_YET,
    /** Gone from the API server, whose copy of the status still names it: the attempt is lost. */
    GONE,
    /** Gone, and the API server's status has moved past the cached one: decide again on the newer copy. */
    STATUS_BEHIND
  }

  /** The score container's result, or one line on why it cannot be read (retried as an infrastructure error). */
  record ScoreRead(ScoreOutput output, String problem) {
    static ScoreRead of(ScoreOutput output) {
      return new ScoreRead(output, null);
    }

    static ScoreRead unreadable(String problem) {
      return new ScoreRead(null, problem);
    }
  }

  static ObservedJob cached(Job job, JobOutcome outcome, ScoreRead score) {
    return new ObservedJob(job.getMetadata().getName(), Presence.CACHED, job, outcome, score);
  }

  static ObservedJob absent(String name, Presence presence) {
    return new ObservedJob(name, presence, null, null, null);
  }
}
