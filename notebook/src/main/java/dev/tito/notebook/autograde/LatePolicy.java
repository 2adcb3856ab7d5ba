package dev.tito.notebook.autograde;

/** nbgrader's {@code LateSubmissionPlugin.penalty_method}. */
public enum LatePolicy {
  /** Late work keeps its score (nbgrader's default). */
  NONE,
  /** A late notebook scores 0. */
  ZERO;

  /** The penalty for one notebook, clamped to [0, score] as nbgrader clamps a plugin's answer. */
  public double penalty(double notebookScore, double secondsLate) {
    if (secondsLate <= 0 || this == NONE) {
      return 0;
    }
    return Math.max(0, notebookScore);
  }
}
