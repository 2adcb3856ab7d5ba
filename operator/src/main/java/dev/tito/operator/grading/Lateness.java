package dev.tito.operator.grading;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.LatePolicy;
import dev.tito.operator.cluster.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * How late a submission is, from its creationTimestamp (set by the API server, not the student) and the Assignment's
 * dueAt and latePolicy; the penalty is the operator's own, never the grading Job's.
 *
 * @param secondsLate seconds after dueAt, 0 when on time or within the grace
 * @param refusal why it is not graded at all, or null
 * @param periods started periods late (counted from dueAt) when beyond the grace
 * @param penaltyPerPeriod points off per started period
 */
public record Lateness(double secondsLate, String refusal, long periods, double penaltyPerPeriod) {
  private static final Lateness ON_TIME = new Lateness(0, null, 0, 0);

  /** The lateness of a submission created at {@code created}; throws IllegalArgumentException on a bad spec field. */
  public static Lateness of(Assignment assignment, Instant created) {
    String due = assignment.getSpec().dueAt;
    if (due == null || due.isBlank()) {
      return ON_TIME;
    }
    Instant dueAt;
    try {
      dueAt = OffsetDateTime.parse(due).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Assignment "
              + assignment.getMetadata().getName()
              + " spec.dueAt '"
              + due
              + "' is not an RFC 3339 time");
    }
    Duration late = Duration.between(dueAt, created);
    LatePolicy policy = assignment.getSpec().latePolicy;
    Duration grace =
        policy == null ? Duration.ZERO : Durations.parse("spec.latePolicy.grace", policy.grace);
    if (late.compareTo(grace) <= 0) {
      return ON_TIME;
    }
    if (policy == null) {
      return new Lateness(
          late.toMillis() / 1000.0,
          "submitted "
              + human(late)
              + " after the due date "
              + due
              + " and the assignment accepts no late work",
          0,
          0);
    }
    if (policy.cutoff != null
        && late.compareTo(Durations.parse("spec.latePolicy.cutoff", policy.cutoff)) > 0) {
      return new Lateness(
          late.toMillis() / 1000.0,
          "submitted "
              + human(late)
              + " after the due date "
              + due
              + ", past the cutoff of "
              + policy.cutoff,
          0,
          0);
    }
    Duration period = Durations.parse("spec.latePolicy.period", policy.period);
    long periods =
        period.isZero() ? 1 : (late.toMillis() + period.toMillis() - 1) / period.toMillis();
    return new Lateness(
        late.toMillis() / 1000.0,
        null,
        periods,
        policy.penaltyPerPeriod == null ? 0 : policy.penaltyPerPeriod);
  }

  /** Points off a raw score: never more than the score itself. */
  public double penalty(double rawScore) {
    return Math.min(Math.max(0, rawScore), periods * penaltyPerPeriod);
  }

  private static String human(Duration late) {
    return late.toHours() > 0
        ? late.toHours() + "h" + late.toMinutesPart() + "m"
        : late.toMinutes() > 0
            ? late.toMinutes() + "m" + late.toSecondsPart() + "s"
            : late.toSeconds() + "s";
  }
}
