package dev.tito.operator.assignment;

import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.classroom.Roster;
import dev.tito.operator.classroom.Student;
import dev.tito.operator.cluster.Backoff;
import dev.tito.operator.cluster.Jobs;
import dev.tito.operator.cluster.ReleaseNames;
import dev.tito.operator.cluster.Timestamps;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one reconcile does for the delivery of a revision: records finished delivery Jobs in the ledger, deletes them
 * (and Jobs of other revisions or of students who left), and starts Jobs for students who lack the revision, at most
 * {@code concurrency} running at once. A failed Job is kept for its logs during a backoff, then deleted and retried.
 */
final class DeliveryPlan {
  static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  static final Duration LONGEST_RETRY = Duration.ofMinutes(10);
  private static final int NAMED_FAILURES = 3;

  /** A delivery Job to create: the student and which attempt it is. */
  record NewJob(String student, int attempt) {}

  /** The Delivered condition's status, reason and message. */
  record Outcome(boolean delivered, String reason, String message) {}

  private final List<Job> deletions = new ArrayList<>();
  private final List<NewJob> creations = new ArrayList<>();
  private Duration retryIn;
  private int running;
  private int rosterSize;
  private DeliveryLedger ledger;
  private Roster roster;
  private int concurrency;

  private DeliveryPlan() {}

  /**
   * @param ledger the ledger of the released revision; the plan records finished Jobs in it
   * @param jobs every delivery Job of the Assignment, whatever its revision
   */
  static DeliveryPlan of(
      DeliveryLedger ledger, Roster roster, Collection<Job> jobs, Instant now, int concurrency) {
    DeliveryPlan plan = new DeliveryPlan();
    plan.ledger = ledger;
    plan.roster = roster;
    plan.concurrency = concurrency;
    Set<String> onRoster = roster.students().stream().map(Student::id).collect(Collectors.toSet());
    if (roster.complete()) {
      ledger.retainOnly(onRoster);
    }
    plan.rosterSize = onRoster.size();
    // a student with a Job of any revision gets no new one until that Job is gone: one writer per
    // home at a time
    Map<String, Job> jobOf = new HashMap<>();
    for (Job job : jobs) {
      String student = label(job, ClassroomLabels.STUDENT);
      jobOf.put(student, job);
      boolean current = ledger.revision().equals(label(job, ReleaseNames.REVISION));
      if (!Jobs.finished(job)) {
        plan.running++;
      }
      if (!current || roster.complete() && !onRoster.contains(student)) {
        plan.deletions.add(job);
      } else if (Jobs.condition(job, "Complete").isPresent()) {
        ledger.delivered(student);
        plan.deletions.add(job);
      } else if (Jobs.condition(job, "Failed").isPresent()) {
        plan.failed(job, student, now);
      }
    }
    if (roster.complete()) {
      int free = concurrency - plan.running;
      for (Student student : roster.students()) {
        if (free <= 0) {
          break;
        }
        if (!ledger.has(student.id()) && !jobOf.containsKey(student.id())) {
          plan.creations.add(new NewJob(student.id(), ledger.failedAttempts(student.id()) + 1));
          free--;
        }
      }
    }
    return plan;
  }

  /** Remembers the failure; after the attempt's backoff the Job goes, and the next reconcile starts the next attempt. */
  private void failed(Job job, String student, Instant now) {
    int attempt = attempt(job);
    ledger.failed(student, attempt);
    Instant retryAt = failedAt(job).plus(backoff(attempt));
    if (!now.isBefore(retryAt)) {
      deletions.add(job);
    } else {
      Duration wait = Duration.between(now, retryAt);
      retryIn = retryIn == null || wait.compareTo(retryIn) < 0 ? wait : retryIn;
    }
  }

  /** 30 s after the first failure, doubling up to 10 minutes. */
  static Duration backoff(int attempt) {
    return Backoff.after(attempt, FIRST_RETRY, LONGEST_RETRY);
  }

  /** Jobs to delete, once the ledger holds what they delivered. */
  List<Job> deletions() {
    return deletions;
  }

  List<NewJob> creations() {
    return creations;
  }

  /** When a failed Job's backoff ends; null when none waits. */
  Duration retryIn() {
    return retryIn;
  }

  Outcome outcome() {
    String revision = ledger.revision();
    if (!roster.complete()) {
      String why =
          roster.findings().isEmpty()
              ? "the roster cannot be read"
              : roster.findings().get(0).message();
      return new Outcome(
          false,
          "RosterUnreadable",
          "revision " + revision + " is delivered to nobody new: " + why);
    }
    int delivered = ledger.students().size();
    if (!ledger.failures().isEmpty()) {
      String named =
          ledger.failures().entrySet().stream()
              .limit(NAMED_FAILURES)
              .map(
                  failure ->
                      failure.getKey()
                          + " ("
                          + failure.getValue()
                          + (failure.getValue() == 1 ? " attempt)" : " attempts)"))
              .collect(Collectors.joining(", "));
      int failing = ledger.failures().size();
      return new Outcome(
          false,
          "DeliveryFailed",
          "revision "
              + revision
              + ": delivery failed for "
              + failing
              + (failing == 1 ? " student: " : " students: ")
              + named
              + (failing > NAMED_FAILURES ? ", ..." : "")
              + "; each is retried after a backoff; "
              + delivered
              + " of "
              + rosterSize
              + " delivered");
    }
    if (delivered == rosterSize) {
      return new Outcome(
          true,
          "Delivered",
          "revision "
              + revision
              + " delivered to "
              + delivered
              + (delivered == 1 ? " student" : " students"));
    }
    return new Outcome(
        false,
        "Delivering",
        "revision "
            + revision
            + ": "
            + delivered
            + " of "
            + rosterSize
            + " students delivered, "
            + (running + creations.size())
            + " delivery Jobs running (at most "
            + concurrency
            + ")");
  }

  /** When the Job controller marked it Failed; else when it was created (an unreadable time never blocks a retry). */
  private static Instant failedAt(Job job) {
    for (var condition : job.getStatus().getConditions()) {
      if ("Failed".equals(condition.getType()) && condition.getLastTransitionTime() != null) {
        return Timestamps.orEpoch(condition.getLastTransitionTime());
      }
    }
    return Timestamps.orEpoch(job.getMetadata().getCreationTimestamp());
  }

  private static int attempt(Job job) {
    String value =
        job.getMetadata().getAnnotations() == null
            ? null
            : job.getMetadata().getAnnotations().get(DeliveryJob.ATTEMPT);
    try {
      return value == null ? 1 : Math.max(1, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String label(Job job, String key) {
    return job.getMetadata().getLabels() == null
        ? ""
        : job.getMetadata().getLabels().getOrDefault(key, "");
  }
}
