package dev.tito.operator.grading;

import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;

/** The Submission's one condition, Graded: Unknown while queued or grading, True when graded, False when failed. */
final class SubmissionConditions {
  static final String GRADED = "Graded";

  private SubmissionConditions() {}

  /** The condition for the phase and message in {@code next}, keeping the transition time of an unchanged one. */
  static List<Condition> of(SubmissionStatus previous, SubmissionStatus next, long generation, Instant now) {
    String status = switch (next.phase) {
      case Graded -> "True";
      case Failed -> "False";
      case Queued, Grading -> "Unknown";
    };
    String reason = next.phase == SubmissionPhase.Failed && next.failureClass != null ? next.failureClass : next.phase.name();
    String since = now.toString();
    if (previous != null && previous.conditions != null) {
      for (Condition old : previous.conditions) {
        if (GRADED.equals(old.getType()) && status.equals(old.getStatus()) && reason.equals(old.getReason())) {
          since = old.getLastTransitionTime();
        }
      }
    }
    return List.of(new ConditionBuilder().withType(GRADED).withStatus(status).withReason(reason)
        .withMessage(next.message).withObservedGeneration(generation).withLastTransitionTime(since).build());
  }
}
