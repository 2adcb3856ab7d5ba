package dev.tito.console.live;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.console.cluster.ClassroomOverview;
import dev.tito.console.pictures.Svg;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A class as it is now, from the console's watch alone: each student's server, the assignments' delivery, the grading
 * queue and its waits, recent grading failures, and how long grading takes.
 *
 * @param queueDepth submissions waiting for grading, across the classes
 * @param latency graded submissions by how long their grading ran
 */
public record LiveClass(List<ClassLive> classes, int queueDepth, List<Svg.Bar> latency) {
  /** At most this many students are listed by name per class (the rest are counted). */
  public static final int LISTED = 200;

  /**
   * One Classroom.
   *
   * @param attention students whose server is not ready, failed first, at most {@link #LISTED}
   * @param unlisted students not ready beyond those listed
   * @param longestWait the longest a submission of the class has been waiting for grading, or ""
   */
  public record ClassLive(
      String name,
      int total,
      int ready,
      int starting,
      int stopped,
      int failed,
      int pendingRestart,
      List<StudentLive> attention,
      int unlisted,
      ClassroomOverview overview,
      String longestWait) {}

  /** A student whose server is not ready. */
  public record StudentLive(String student, String phase, String detail, boolean pendingRestart) {
    public boolean canStart() {
      return "stopped".equals(phase);
    }
  }

  public static LiveClass of(
      List<Classroom> classrooms,
      List<StatefulSet> servers,
      List<Pod> pods,
      List<Assignment> assignments,
      List<Submission> submissions,
      Instant now) {
    Map<String, Pod> podsByName =
        pods.stream()
            .collect(
                Collectors.toMap(p -> p.getMetadata().getName(), Function.identity(), (a, b) -> a));
    List<ClassLive> classes =
        classrooms.stream()
            .sorted(Comparator.comparing(c -> c.getMetadata().getName()))
            .map(c -> classLive(c, servers, podsByName, assignments, submissions, now))
            .toList();
    int depth = (int) submissions.stream().filter(s -> phase(s) == SubmissionPhase.Queued).count();
    return new LiveClass(classes, depth, latency(submissions));
  }

  private static ClassLive classLive(
      Classroom classroom,
      List<StatefulSet> servers,
      Map<String, Pod> pods,
      List<Assignment> assignments,
      List<Submission> submissions,
      Instant now) {
    String name = classroom.getMetadata().getName();
    int[] counts = new int[ServerPhase.Phase.values().length];
    int pendingRestart = 0;
    List<StudentLive> attention = new ArrayList<>();
    for (StatefulSet server : servers) {
      Map<String, String> labels =
          server.getMetadata().getLabels() == null ? Map.of() : server.getMetadata().getLabels();
      if (!name.equals(labels.get("tito.dev/classroom"))) {
        continue;
      }
      ServerPhase phase = ServerPhase.of(server, pods.get(server.getMetadata().getName() + "-0"));
      counts[phase.phase().ordinal()]++;
      pendingRestart += phase.pendingRestart() ? 1 : 0;
      if (phase.phase() != ServerPhase.Phase.READY) {
        attention.add(
            new StudentLive(
                labels.getOrDefault("tito.dev/student", server.getMetadata().getName()),
                phase.phase().name().toLowerCase(java.util.Locale.ROOT),
                phase.detail(),
                phase.pendingRestart()));
      }
    }
    attention.sort(
        Comparator.comparing((StudentLive s) -> order(s.phase()))
            .thenComparing(StudentLive::student));
    ClassroomOverview overview = ClassroomOverview.of(classroom, assignments, submissions);
    String longest =
        submissions.stream()
            .filter(s -> phase(s) == SubmissionPhase.Queued)
            .filter(
                s ->
                    overview.assignments().stream()
                        .anyMatch(a -> a.name().equals(s.getSpec().assignment)))
            .map(s -> waitingSince(s))
            .filter(java.util.Objects::nonNull)
            .min(Comparator.naturalOrder())
            .map(since -> words(Duration.between(since, now)))
            .orElse("");
    int total = counts[0] + counts[1] + counts[2] + counts[3];
    return new LiveClass.ClassLive(
        name,
        total,
        counts[ServerPhase.Phase.READY.ordinal()],
        counts[ServerPhase.Phase.STARTING.ordinal()],
        counts[ServerPhase.Phase.STOPPED.ordinal()],
        counts[ServerPhase.Phase.FAILED.ordinal()],
        pendingRestart,
        List.copyOf(attention.subList(0, Math.min(LISTED, attention.size()))),
        Math.max(0, attention.size() - LISTED),
        overview,
        longest);
  }

  private static int order(String phase) {
    return switch (phase) {
      case "failed" -> 0;
      case "starting" -> 1;
      default -> 2;
    };
  }

  private static SubmissionPhase phase(Submission submission) {
    return submission.getStatus() == null ? null : submission.getStatus().phase;
  }

  private static Instant waitingSince(Submission submission) {
    String since =
        submission.getStatus().queuedAt != null
            ? submission.getStatus().queuedAt
            : submission.getMetadata().getCreationTimestamp();
    return since == null ? null : Instant.parse(since);
  }

  /** Graded submissions by the time from their Job's start to their result, in six bands. */
  static List<Svg.Bar> latency(List<Submission> submissions) {
    long[] limits = {10, 30, 60, 120, 300};
    String[] labels = {"<10s", "10-30s", "30-60s", "1-2m", "2-5m", ">5m"};
    int[] counts = new int[labels.length];
    for (Submission s : submissions) {
      if (phase(s) == SubmissionPhase.Graded
          && s.getStatus().startedAt != null
          && s.getStatus().completedAt != null) {
        long seconds =
            Duration.between(
                    Instant.parse(s.getStatus().startedAt),
                    Instant.parse(s.getStatus().completedAt))
                .toSeconds();
        int band = 0;
        while (band < limits.length && seconds >= limits[band]) {
          band++;
        }
        counts[band]++;
      }
    }
    List<Svg.Bar> bars = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      bars.add(new Svg.Bar(labels[i], counts[i], "bar"));
    }
    return bars;
  }

  /** A wait in words: {@code 45 s}, {@code 3 min}, {@code 2 h 5 min}. */
  static String words(Duration wait) {
    long seconds = Math.max(0, wait.toSeconds());
    if (seconds < 90) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    return minutes < 90 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
  }
}
