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
 * submits once, 16 at a time) and started again each time: every submission is graded with its marks, each by
 * exactly one Job, and the Assignment's summary converges. {@code -Dfaults.burst.submissions} sets the class size.
 */
class SigkillDuringABurstTest extends CoursesOnMockServer {
  private static final int SUBMISSIONS = Integer.getInteger("faults.burst.submissions", 1000);
  private static final int KILLS = Integer.getInteger("faults.kills", 3);
  private static final int CLIENTS = 16;

  @Test
  void everySubmissionIsGradedOnceThroughSigkills() throws Exception {
    Path log = Path.of("target", "operator-sigkill-burst.log");
    Files.deleteIfExists(log);
    long start = System.nanoTime();
    OperatorProcess operator = start(log);
    try {
      List<String> students = IntStream.range(0, SUBMISSIONS).mapToObj(i -> String.format("s%04d", i)).toList();
      Course course = course(g -> g.maxConcurrent = 50, a -> { }, students.toArray(String[]::new));
      kubelet.in(course.namespace(), job -> new SimulatedKubelet.Succeeds(
          fullMarks(course, job.getSpec().getTemplate().getMetadata().getLabels().get("tito.dev/student"))));
      AtomicInteger submitted = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      CompletableFuture<Void> burst = CompletableFuture.allOf(students.stream()
          .map(s -> CompletableFuture.runAsync(() -> {
            submitRelease(course, s, s);
            submitted.incrementAndGet();
          }, clients))
          .toArray(CompletableFuture[]::new));
      Random random = new Random(Long.getLong("faults.seed", 7));
      // random points of the burst, as shares of the submissions graded
      double[] points = random.doubles(KILLS, 0.02, 0.8).sorted().toArray();
      List<String> atKills = new ArrayList<>();
      for (double point : points) {
        int graded = awaitGraded(course, (int) (point * SUBMISSIONS), Duration.ofMinutes(5), log);
        operator.kill();
        atKills.add(graded + " graded/" + submitted.get() + " submitted");
        operator = start(log);
      }
      burst.join();
      clients.shutdown();

      awaitGraded(course, SUBMISSIONS, Duration.ofMinutes(10), log);
      Map<String, Long> jobsPerSubmission = jobsOf(course, null).stream().collect(Collectors.groupingBy(
          (Job j) -> j.getMetadata().getLabels().get(GradingJob.SUBMISSION), Collectors.counting()));
      assertThat(jobsPerSubmission).as("submissions with a grading Job").hasSize(SUBMISSIONS);
      assertThat(jobsPerSubmission.entrySet()).as("submissions graded by more than one Job")
          .filteredOn(e -> e.getValue() != 1).isEmpty();
      assertThat(submissions(course)).hasSize(SUBMISSIONS).allSatisfy(s -> {
        assertThat(s.getStatus().phase).isEqualTo(SubmissionPhase.Graded);
        assertThat(s.getStatus().score).as(s.getMetadata().getName()).isEqualTo(maxPoints(course));
      });
      SubmissionsSummary summary = awaitSummary(course, log);
      assertThat(summary.mean).isEqualTo(maxPoints(course));
      System.out.printf("SIGKILL x%d during a %d-submission burst (at %s): %d of %d graded with full marks, "
          + "each by exactly one Job, summary converged, in %d s%n", KILLS, SUBMISSIONS, atKills, SUBMISSIONS,
          SUBMISSIONS, (System.nanoTime() - start) / 1_000_000_000);
    } finally {
      operator.close();
    }
  }

  /** The environment the chart's Deployment gives the operator, as in OperatorKilledTest, with a short retry. */
  private static OperatorProcess start(Path log) {
    Map<String, String> env = new HashMap<>();
    // one replica: a restarted operator does not wait out a dead leader's lease here (a Deployment's second replica would)
    env.put(OperatorConfig.LEASE_NAME, "");
    env.put(OperatorConfig.WATCH_NAMESPACES, "");
    env.put(OperatorConfig.JOB_IMAGE, OperatorConfig.LOCAL_JOB_IMAGE);
    env.put(OperatorConfig.GRADING_RETRY_SECONDS, "1");
    return OperatorProcess.start(env, client.getConfiguration().getMasterUrl(), Path.of("target", "sigkill-tito-home"), log);
  }

  /** Polls once a second (listing the whole burst more often loads the API more than the operator); returns the count. */
  private static int awaitGraded(Course course, int count, Duration limit, Path log) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    int graded;
    while ((graded = graded(course)) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + count + " graded; phases: " + phases(course)
            + "\noperator log: " + log.toAbsolutePath());
      }
      Thread.sleep(1000);
    }
    return graded;
  }

  /** The Assignment's summary once it counts every submission graded. */
  private static SubmissionsSummary awaitSummary(Course course, Path log) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (true) {
      Assignment assignment = client.resources(Assignment.class).inNamespace(course.namespace()).withName(ASSIGNMENT).get();
      SubmissionsSummary summary = assignment.getStatus().submissions;
      if (summary != null && Integer.valueOf(SUBMISSIONS).equals(summary.graded)) {
        assertThat(List.of(summary.received, summary.queued, summary.grading, summary.failed))
            .as("received, queued, grading, failed").containsExactly(SUBMISSIONS, 0, 0, 0);
        return summary;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the Assignment's summary did not converge: "
            + client.getKubernetesSerialization().asJson(summary) + "\noperator log: " + log.toAbsolutePath());
      }
      Thread.sleep(1000);
    }
  }

  private static List<Submission> submissions(Course course) {
    return client.resources(Submission.class).inNamespace(course.namespace()).list().getItems();
  }

  private static int graded(Course course) {
    return (int) submissions(course).stream()
        .filter(s -> s.getStatus() != null && s.getStatus().phase == SubmissionPhase.Graded).count();
  }

  private static Map<Object, Long> phases(Course course) {
    return submissions(course).stream().collect(Collectors.groupingBy(
        s -> s.getStatus() == null ? "none" : String.valueOf(s.getStatus().phase), Collectors.counting()));
  }
}
