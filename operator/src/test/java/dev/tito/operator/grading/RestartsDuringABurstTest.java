package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A deadline burst while the operator is stopped at random points and started again (a new instance, its queue and
 * caches rebuilt from the API): every submission is graded, each by exactly one Job. 200 submissions in the suite;
 * {@code -Dfaults.burst.submissions=1000} for the long run.
 */
class RestartsDuringABurstTest extends GradingOnMockServer {
  private static final int SUBMISSIONS = Integer.getInteger("faults.burst.submissions", 200);
  private static final int RESTARTS = 3;

  @Test
  void everySubmissionIsGradedOnceThroughRestarts() throws IOException {
    List<String> students = IntStream.range(0, SUBMISSIONS).mapToObj(i -> String.format("s%04d", i)).toList();
    Course course = course(g -> g.maxConcurrent = 50, a -> { }, students.toArray(String[]::new));
    kubelet.in(course.namespace(), job -> new SimulatedKubelet.Succeeds(
        fullMarks(course, job.getSpec().getTemplate().getMetadata().getLabels().get("tito.dev/student"))));
    ExecutorService clients = Executors.newFixedThreadPool(8);
    CompletableFuture<Void> burst = CompletableFuture.allOf(students.stream()
        .map(s -> CompletableFuture.runAsync(() -> submitRelease(course, s, s), clients))
        .toArray(CompletableFuture[]::new));
    Random random = new Random(Long.getLong("faults.seed", 5));
    // random points of the burst, as shares of the submissions graded
    double[] points = random.doubles(RESTARTS, 0.02, 0.8).sorted().toArray();
    for (double point : points) {
      int target = (int) (point * SUBMISSIONS);
      awaitGraded(course, target, Duration.ofMinutes(3));
      operator.close();
      operator = startOperator();
    }
    burst.join();
    clients.shutdown();

    awaitGraded(course, SUBMISSIONS, Duration.ofMinutes(5));
    Map<String, Long> jobsPerSubmission = jobsOf(course, null).stream().collect(Collectors.groupingBy(
        (Job j) -> j.getMetadata().getLabels().get(GradingJob.SUBMISSION), Collectors.counting()));
    assertThat(jobsPerSubmission).hasSize(SUBMISSIONS);
    assertThat(jobsPerSubmission.entrySet()).as("submissions graded by more than one Job")
        .filteredOn(e -> e.getValue() != 1).isEmpty();
    assertThat(submissions(course)).allSatisfy(s -> assertThat(s.getStatus().score).isEqualTo(maxPoints(course)));
    System.out.printf("restarts at %s of a %d-submission burst: every submission graded by exactly one Job%n",
        java.util.Arrays.toString(points), SUBMISSIONS);
  }

  /** Polls once a second: listing the whole burst every few milliseconds would load the API more than the operator. */
  private static void awaitGraded(Course course, int count, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (graded(course) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + count + " graded; phases: " + phases(course));
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
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
