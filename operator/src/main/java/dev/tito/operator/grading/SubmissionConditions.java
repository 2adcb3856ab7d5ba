package dev.tito.operator.grading;

import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;

/** The Submission's one condition, Graded: Unknown while queued or grading, True when graded, False when failed. */
final class SubmissionConditions {
  static final String GRADED = "Graded";

  private SubmissionConditions() {}

  /** The condition for the phase and message in {@code next}, keeping the transition time of an unchanged one. */
  static List<Condition> of(
      SubmissionStatus previous, SubmissionStatus next, long generation, Instant now) {
    String status =
        switch (next.phase) {
          case Graded -> "True";
          case Failed -> "False";
          case Queued, Grading -> "Unknown";
        };
    String reason =
        next.phase == SubmissionPhase.Failed && next.failureClass != null
            ? next.failureClass
            : next.phase.name();
    return List.of(
        Conditions.of(
            GRADED,
            status,
            reason,
            next.message,
            generation,
            previous == null ? null : previous.conditions,
            now));
  }
}
