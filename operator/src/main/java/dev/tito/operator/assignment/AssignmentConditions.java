package dev.tito.operator.assignment;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentStatus;
import dev.tito.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Assignment's status from this reconcile: Validated, Released and Delivered, keeping a condition's transition
 * time, and the counts of deliveries and submissions.
 */
final class AssignmentConditions {
  static final String VALIDATED = "Validated";
  static final String RELEASED = "Released";
  static final String DELIVERED = "Delivered";

  private final Assignment assignment;
  private final Instant now;
  private final long generation;
  private final List<Condition> conditions = new ArrayList<>();
  private Double maxPoints;
  private String releasedRevision;
  private Integer delivered;
  private SubmissionTally submissions;

  AssignmentConditions(Assignment assignment, Instant now) {
    this.assignment = assignment;
    this.now = now;
    this.generation =
        assignment.getMetadata().getGeneration() == null
            ? 0
            : assignment.getMetadata().getGeneration();
  }

  void validated(boolean ok, String reason, String message) {
    conditions.add(condition(VALIDATED, ok, reason, message));
  }

  void released(boolean ok, String reason, String message) {
    conditions.add(condition(RELEASED, ok, reason, message));
  }

  /** The delivery of the released revision: how many students have it, and the Delivered condition. */
  void delivered(int students, DeliveryPlan.Outcome outcome) {
    delivered = students;
    conditions.add(condition(DELIVERED, outcome.delivered(), outcome.reason(), outcome.message()));
  }

  /** Nothing can be delivered (no Classroom, or the operator cannot create Jobs). */
  void notDelivered(String reason, String message) {
    conditions.add(condition(DELIVERED, false, reason, message));
  }

  void submissions(SubmissionTally tally) {
    submissions = tally;
  }

  void maxPoints(double points) {
    maxPoints = points;
  }

  void releasedRevision(String revision) {
    releasedRevision = revision;
  }

  /** The revision students get: the one released now, else the one released before (kept until a newer one is). */
  String releasedRevision() {
    return releasedRevision != null
        ? releasedRevision
        : assignment.getStatus() == null ? null : assignment.getStatus().releasedRevision;
  }

  AssignmentStatus build() {
    AssignmentStatus status = new AssignmentStatus();
    status.observedGeneration = generation;
    status.conditions = conditions;
    status.maxPoints = maxPoints;
    status.releasedRevision = releasedRevision();
    status.delivered = delivered;
    if (submissions != null) {
      status.submissions = submissions.summary();
      status.regradedRound = submissions.regradedRound();
    }
    return status;
  }

  private Condition condition(String type, boolean ok, String reason, String message) {
    AssignmentStatus previous = assignment.getStatus();
    return Conditions.of(
        type,
        Conditions.of(ok),
        reason,
        message,
        generation,
        previous == null ? null : previous.conditions,
        now);
  }
}
