package dev.tito.console.cluster;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.SubmissionsSummary;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomStatus;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.SubmissionWait;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What {@code tito classroom status} shows of one class: its students, assignments, grading queue and failures. */
public record ClassroomOverview(
    String name,
    String namespace,
    boolean ready,
    String readyMessage,
    Students students,
    Queue queue,
    List<AssignmentLine> assignments,
    List<Failure> recentFailures) {

  public static final int RECENT_FAILURES = 5;

  public record Students(int total, int ready, int stopped, int pending, int failed) {}

  /**
   * @param waiting the queued submissions by what they wait for, in the order of {@link SubmissionWait}
   */
  public record Queue(int queued, int grading, List<Waiting> waiting) {}

  /**
   * @param notBefore the earliest time one of them may move on, or null when only an event moves them
   */
  public record Waiting(SubmissionWait waitingFor, int count, String notBefore) {}

  public record AssignmentLine(
      String name,
      String releasedRevision,
      Integer delivered,
      Double maxPoints,
      int received,
      int queued,
      int grading,
      int graded,
      int failed,
      Double mean) {}

  public record Failure(
      String submission,
      String student,
      String assignment,
      String failureClass,
      String message,
      String when) {}

  /** Counts come from the objects' statuses as the operator wrote them; the queue from the Submissions themselves. */
  public static ClassroomOverview of(
      Classroom classroom, List<Assignment> allAssignments, List<Submission> allSubmissions) {
    String name = classroom.getMetadata().getName();
    ClassroomStatus status =
        classroom.getStatus() == null ? new ClassroomStatus() : classroom.getStatus();
    Condition ready =
        status.conditions.stream()
            .filter(c -> "Ready".equals(c.getType()))
            .findFirst()
            .orElse(null);
    List<Assignment> assignments =
        allAssignments.stream()
            .filter(a -> a.getSpec() != null && name.equals(a.getSpec().classroom))
            .sorted(Comparator.comparing(a -> a.getMetadata().getName()))
            .toList();
    Map<String, Assignment> byName =
        assignments.stream()
            .collect(Collectors.toMap(a -> a.getMetadata().getName(), Function.identity()));
    List<Submission> submissions =
        allSubmissions.stream()
            .filter(s -> s.getSpec() != null && byName.containsKey(s.getSpec().assignment))
            .toList();
    return new ClassroomOverview(
        name,
        classroom.getMetadata().getNamespace(),
        ready != null && "True".equals(ready.getStatus()),
        ready == null
            ? "not reported by the operator yet"
            : ready.getReason() + ": " + ready.getMessage(),
        new Students(status.total, status.ready, status.stopped, status.pending, status.failed),
        new Queue(
            count(submissions, SubmissionPhase.Queued),
            count(submissions, SubmissionPhase.Grading),
            waiting(submissions)),
        assignments.stream().map(a -> line(a, submissions)).toList(),
        submissions.stream()
            .filter(s -> s.getStatus() != null && s.getStatus().phase == SubmissionPhase.Failed)
            .sorted(
                Comparator.comparing(
                    ClassroomOverview::failedAt, Comparator.nullsLast(Comparator.reverseOrder())))
            .limit(RECENT_FAILURES)
            .map(
                s ->
                    new Failure(
                        s.getMetadata().getName(),
                        s.getSpec().student,
                        s.getSpec().assignment,
                        s.getStatus().failureClass,
                        s.getStatus().message,
                        failedAt(s)))
            .toList());
  }

  private static AssignmentLine line(Assignment assignment, List<Submission> submissions) {
    String name = assignment.getMetadata().getName();
    List<Submission> own =
        submissions.stream().filter(s -> name.equals(s.getSpec().assignment)).toList();
    SubmissionsSummary summary =
        assignment.getStatus() == null ? null : assignment.getStatus().submissions;
    return new AssignmentLine(
        name,
        assignment.getStatus() == null ? null : assignment.getStatus().releasedRevision,
        assignment.getStatus() == null ? null : assignment.getStatus().delivered,
        assignment.getStatus() == null ? null : assignment.getStatus().maxPoints,
        own.size(),
        count(own, SubmissionPhase.Queued),
        count(own, SubmissionPhase.Grading),
        count(own, SubmissionPhase.Graded),
        count(own, SubmissionPhase.Failed),
        summary == null ? null : summary.mean);
  }

  /** What the queued ones wait for (a status an older operator wrote says nothing: not counted here). */
  private static List<Waiting> waiting(List<Submission> submissions) {
    Map<SubmissionWait, List<SubmissionStatus>> byWait =
        submissions.stream()
            .map(Submission::getStatus)
            .filter(s -> s != null && s.phase == SubmissionPhase.Queued && s.waitingFor != null)
            .collect(
                Collectors.groupingBy(
                    s -> s.waitingFor,
                    () -> new EnumMap<>(SubmissionWait.class),
                    Collectors.toList()));
    return byWait.entrySet().stream()
        .map(
            e ->
                new Waiting(
                    e.getKey(),
                    e.getValue().size(),
                    e.getValue().stream()
                        .map(s -> s.notBefore)
                        .filter(Objects::nonNull)
                        .min(Comparator.comparing(Instant::parse))
                        .orElse(null)))
        .toList();
  }

  private static int count(List<Submission> submissions, SubmissionPhase phase) {
    return (int)
        submissions.stream()
            .filter(s -> s.getStatus() != null && s.getStatus().phase == phase)
            .count();
  }

  private static String failedAt(Submission submission) {
    return Objects.requireNonNullElse(
        submission.getStatus().completedAt, submission.getMetadata().getCreationTimestamp());
  }
}
