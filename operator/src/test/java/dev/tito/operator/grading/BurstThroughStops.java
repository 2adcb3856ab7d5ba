package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.SubmissionsSummary;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.operator.chart.OperatorProcess;
import dev.tito.operator.grading.Courses.Course;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A deadline burst through operator stops: every student of a course submits once, 16 at a time, while the operator's
 * process is killed with SIGKILL at random points and stopped once with SIGTERM as a rolling update does, and started
 * again each time. Then every submission must be graded with full marks, each by exactly one Job, and the Assignment's
 * summary must converge, with no warning in the operator's log. The kubelet is the caller's (simulated on the mock
 * server, a test kubelet beside the real Job controller on a real control plane): it ends each grading Job's pod with
 * its student's full marks.
 */
public final class BurstThroughStops {
  private static final int CLIENTS = 16;

  private final KubernetesClient client;
  private final Courses courses;
  private final Supplier<OperatorProcess> start;
  private final Path log;

  /**
   * @param start starts the operator's process (appending to {@code log})
   * @param log the operator's log, named in failure messages
   */
  public BurstThroughStops(
      KubernetesClient client, Courses courses, Supplier<OperatorProcess> start, Path log) {
    this.client = client;
    this.courses = courses;
    this.start = start;
    this.log = log;
  }

  /**
   * Starts the operator, has it release {@code course} (whose roster is {@code students}), runs the burst with
   * {@code kills} SIGKILLs and one SIGTERM at points drawn from {@code seed}, and checks the outcome; returns a line
   * saying what happened. The operator's last process is stopped on return.
   */
  public String everySubmissionIsGradedOnce(
      Callable<Course> released, List<String> students, int kills, long seed) throws Exception {
    long begun = System.nanoTime();
    OperatorProcess operator = started();
    try {
      Course course = released.call();
      AtomicInteger submitted = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      CompletableFuture<Void> burst =
          CompletableFuture.allOf(
              students.stream()
                  .map(
                      s ->
                          CompletableFuture.runAsync(
                              () -> {
                                courses.submitRelease(course, s, s);
                                submitted.incrementAndGet();
                              },
                              clients))
                  .toArray(CompletableFuture[]::new));
      Random random = new Random(seed);
      // random points of the burst, as shares of the submissions graded; one stop is the kubelet's
      // ordinary SIGTERM
      double[] points = random.doubles(kills + 1, 0.02, 0.8).sorted().toArray();
      int terminated = random.nextInt(points.length);
      List<String> stops = new ArrayList<>();
      int graded = 0;
      for (int i = 0; i < points.length; i++) {
        // each stop lands on an operator that works (it graded one more): not on a JVM still
        // starting
        graded =
            awaitGraded(
                course,
                Math.max((int) (points[i] * students.size()), graded + 1),
                Duration.ofMinutes(5));
        if (i == terminated) {
          assertThat(operator.terminate()).as("exit code after SIGTERM").isZero();
        } else {
          operator.kill();
        }
        stops.add(
            (i == terminated ? "SIGTERM" : "SIGKILL")
                + " at "
                + graded
                + " graded/"
                + submitted.get()
                + " submitted");
        operator = started();
      }
      burst.join();
      clients.shutdown();

      awaitGraded(course, students.size(), Duration.ofMinutes(10));
      gradedOnceWithFullMarks(course, students.size());
      // stops are routine (a rolling update, a lost node): none may leave the operator a warning
      assertThat(Files.readAllLines(log))
          .as("the operator's warnings and errors in " + log.toAbsolutePath())
          .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
      return String.format(
          "%d-submission burst, operator process stopped %d times (%s): %d of %d graded with full "
              + "marks, each by exactly one Job, the Assignment's summary converged, in %d s",
          students.size(),
          points.length,
          String.join(", ", stops),
          students.size(),
          students.size(),
          (System.nanoTime() - begun) / 1_000_000_000);
    } finally {
      operator.close();
    }
  }

  /**
   * A new operator process once it is ready: a count that moves right after a kill may be the dead one's last write
   * landing, and a stop must not hit a JVM still starting.
   */
  private OperatorProcess started() {
    OperatorProcess operator = start.get();
    operator.awaitReady(Duration.ofMinutes(2));
    return operator;
  }

  /** What the summary counts, checked on the Submissions and Jobs themselves. */
  private void gradedOnceWithFullMarks(Course course, int count) {
    Map<String, Long> jobsPerSubmission =
        courses.jobsOf(course, null).stream()
            .collect(
                Collectors.groupingBy(
                    (Job j) -> j.getMetadata().getLabels().get(GradingJob.SUBMISSION),
                    Collectors.counting()));
    assertThat(jobsPerSubmission).as("submissions with a grading Job").hasSize(count);
    assertThat(jobsPerSubmission.entrySet())
        .as("submissions graded by more than one Job")
        .filteredOn(e -> e.getValue() != 1)
        .isEmpty();
    assertThat(submissions(course))
        .hasSize(count)
        .allSatisfy(
            s -> {
              assertThat(s.getStatus().phase).isEqualTo(SubmissionPhase.Graded);
              assertThat(s.getStatus().score)
                  .as(s.getMetadata().getName())
                  .isEqualTo(Courses.maxPoints(course));
            });
    SubmissionsSummary summary = summary(course);
    assertThat(List.of(summary.received, summary.queued, summary.grading, summary.failed))
        .as("the Assignment's summary: received, queued, grading, failed")
        .containsExactly(count, 0, 0, 0);
    assertThat(summary.mean).isEqualTo(Courses.maxPoints(course));
  }

  /**
   * Waits for the Assignment's summary to count {@code count} graded, reading it once a second (one object, where
   * listing the whole burst each second would load the API more than the operator); returns the count.
   */
  private int awaitGraded(Course course, int count, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    int graded;
    while ((graded = summary(course).graded) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out waiting for "
                + count
                + " graded; phases: "
                + phases(course)
                + "\noperator log: "
                + log.toAbsolutePath());
      }
      Thread.sleep(1000);
    }
    return graded;
  }

  /** The Assignment's summary of its submissions; none graded before the first is counted. */
  private SubmissionsSummary summary(Course course) {
    Assignment assignment =
        client
            .resources(Assignment.class)
            .inNamespace(course.namespace())
            .withName(Courses.ASSIGNMENT)
            .get();
    SubmissionsSummary summary = assignment.getStatus().submissions;
    if (summary == null || summary.graded == null) {
      summary = new SubmissionsSummary();
      summary.graded = 0;
    }
    return summary;
  }

  private List<Submission> submissions(Course course) {
    return client.resources(Submission.class).inNamespace(course.namespace()).list().getItems();
  }

  private Map<Object, Long> phases(Course course) {
    return submissions(course).stream()
        .collect(
            Collectors.groupingBy(
                s -> s.getStatus() == null ? "none" : String.valueOf(s.getStatus().phase),
                Collectors.counting()));
  }
}
