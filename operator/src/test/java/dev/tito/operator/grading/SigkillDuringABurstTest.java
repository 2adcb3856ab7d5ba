package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.SubmissionsSummary;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.chart.OperatorProcess;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The operator's process is killed with SIGKILL at random points of a deadline burst (every student of the class
 * submits once, 16 at a time), and stopped once with SIGTERM as a rolling update does, and started again each time:
 * every submission is graded with its marks, each by exactly one Job, and the Assignment's summary converges.
 * {@code -Dfaults.burst.submissions}, {@code -Dfaults.kills} and {@code -Dfaults.seed} change the run.
 */
class SigkillDuringABurstTest extends CoursesOnMockServer {
  private static final int SUBMISSIONS = Integer.getInteger("faults.burst.submissions", 500);
  private static final int KILLS = Integer.getInteger("faults.kills", 3);
  private static final int CLIENTS = 16;

  @Test
  void everySubmissionIsGradedOnceThroughSigkills() throws Exception {
    Path log = Path.of("target", "operator-sigkill-burst.log");
    Files.deleteIfExists(log);
    long start = System.nanoTime();
    OperatorProcess operator = start(log);
    try {
      List<String> students =
          IntStream.range(0, SUBMISSIONS).mapToObj(i -> String.format("s%04d", i)).toList();
      // the CRD's grading defaults: at most 20 Jobs at once, the rest wait in the class's queue
      Course course = course(g -> {}, a -> {}, students.toArray(String[]::new));
      kubelet.in(
          course.namespace(),
          job ->
              new SimulatedKubelet.Succeeds(
                  fullMarks(
                      course,
                      job.getSpec()
                          .getTemplate()
                          .getMetadata()
                          .getLabels()
                          .get("tito.dev/student"))));
      AtomicInteger submitted = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      CompletableFuture<Void> burst =
          CompletableFuture.allOf(
              students.stream()
                  .map(
                      s ->
                          CompletableFuture.runAsync(
                              () -> {
                                submitRelease(course, s, s);
                                submitted.incrementAndGet();
                              },
                              clients))
                  .toArray(CompletableFuture[]::new));
      Random random = new Random(Long.getLong("faults.seed", 7));
      // random points of the burst, as shares of the submissions graded; one stop is the kubelet's
      // ordinary SIGTERM
      double[] points = random.doubles(KILLS + 1, 0.02, 0.8).sorted().toArray();
      int terminated = random.nextInt(points.length);
      List<String> stops = new ArrayList<>();
      int graded = 0;
      for (int i = 0; i < points.length; i++) {
        // each stop lands on an operator that works (it graded one more): not on a JVM still
        // starting
        graded =
            awaitGraded(
                course,
                Math.max((int) (points[i] * SUBMISSIONS), graded + 1),
                Duration.ofMinutes(5),
                log);
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
        operator = start(log);
      }
      burst.join();
      clients.shutdown();

      awaitGraded(course, SUBMISSIONS, Duration.ofMinutes(10), log);
      // what the summary counts, checked on the Submissions and Jobs themselves
      Map<String, Long> jobsPerSubmission =
          jobsOf(course, null).stream()
              .collect(
                  Collectors.groupingBy(
                      (Job j) -> j.getMetadata().getLabels().get(GradingJob.SUBMISSION),
                      Collectors.counting()));
      assertThat(jobsPerSubmission).as("submissions with a grading Job").hasSize(SUBMISSIONS);
      assertThat(jobsPerSubmission.entrySet())
          .as("submissions graded by more than one Job")
          .filteredOn(e -> e.getValue() != 1)
          .isEmpty();
      assertThat(submissions(course))
          .hasSize(SUBMISSIONS)
          .allSatisfy(
              s -> {
                assertThat(s.getStatus().phase).isEqualTo(SubmissionPhase.Graded);
                assertThat(s.getStatus().score)
                    .as(s.getMetadata().getName())
                    .isEqualTo(maxPoints(course));
              });
      SubmissionsSummary summary = summary(course);
      assertThat(List.of(summary.received, summary.queued, summary.grading, summary.failed))
          .as("the Assignment's summary: received, queued, grading, failed")
          .containsExactly(SUBMISSIONS, 0, 0, 0);
      assertThat(summary.mean).isEqualTo(maxPoints(course));
      System.out.printf(
          "%d-submission burst, operator process stopped %d times (%s): %d of %d graded with full "
              + "marks, each by exactly one Job, the Assignment's summary converged, in %d s%n",
          SUBMISSIONS,
          points.length,
          String.join(", ", stops),
          SUBMISSIONS,
          SUBMISSIONS,
          (System.nanoTime() - start) / 1_000_000_000);
    } finally {
      operator.close();
    }
  }

  /** The environment the chart's Deployment gives the operator, as in OperatorKilledTest, with a short retry. */
  private static OperatorProcess start(Path log) {
    Map<String, String> env = new HashMap<>();
    // one replica: a restarted operator does not wait out a dead leader's lease here (a
    // Deployment's second replica would)
    env.put(OperatorConfig.LEASE_NAME, "");
    env.put(OperatorConfig.WATCH_NAMESPACES, "");
    env.put(OperatorConfig.JOB_IMAGE, OperatorConfig.LOCAL_JOB_IMAGE);
    env.put(OperatorConfig.GRADING_RETRY_SECONDS, "1");
    return OperatorProcess.start(
        env, client.getConfiguration().getMasterUrl(), Path.of("target", "sigkill-tito-home"), log);
  }

  /**
   * Waits for the Assignment's summary to count {@code count} graded, reading it once a second (one object, where
   * listing the whole burst each second would load the API more than the operator); returns the count.
   */
  private static int awaitGraded(Course course, int count, Duration limit, Path log)
      throws InterruptedException {
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
  private static SubmissionsSummary summary(Course course) {
    Assignment assignment =
        client
            .resources(Assignment.class)
            .inNamespace(course.namespace())
            .withName(ASSIGNMENT)
            .get();
    SubmissionsSummary summary = assignment.getStatus().submissions;
    if (summary == null || summary.graded == null) {
      summary = new SubmissionsSummary();
      summary.graded = 0;
    }
    return summary;
  }

  private static List<Submission> submissions(Course course) {
    return client.resources(Submission.class).inNamespace(course.namespace()).list().getItems();
  }

  private static Map<Object, Long> phases(Course course) {
    return submissions(course).stream()
        .collect(
            Collectors.groupingBy(
                s -> s.getStatus() == null ? "none" : String.valueOf(s.getStatus().phase),
                Collectors.counting()));
  }
}
