package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.operator.grading.Courses.Course;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The class's grading queue, Kueue's instead of it, and regrades through it. */
class GradingQueueOnMockServerTest extends GradingOnMockServer {

  @Test
  void atMostMaxConcurrentJobsRunAndTheQueueIsServedFirstComeFirstServed() throws IOException {
    Course course = course(g -> g.maxConcurrent = 2, a -> {}, "s1", "s2", "s3", "s4", "s5", "s6");
    kubelet.in(course.namespace(), job -> new SimulatedKubelet.Hold());
    List<String> names = IntStream.rangeClosed(1, 6).mapToObj(i -> "s" + i).toList();
    names.forEach(name -> submitRelease(course, name, name));

    until(
        course,
        "s6",
        "queued",
        s -> s.getStatus().phase == SubmissionPhase.Queued && s.getStatus().queuePosition != null);
    awaitRunning(course, List.of("s1", "s2"));
    for (int i = 3; i <= 6; i++) {
      Submission queued =
          until(course, "s" + i, "queued", s -> s.getStatus().queuePosition != null);
      assertThat(queued.getStatus().phase).isEqualTo(SubmissionPhase.Queued);
      assertThat(queued.getStatus().queuePosition)
          .as("s%d's position is an upper bound", i)
          .isBetween(0, i - 1);
    }

    for (int finished = 1; finished <= 6; finished++) {
      String name = "s" + finished;
      Submission running = until(course, name, "grading", s -> s.getStatus().jobName != null);
      kubelet.finish(
          course.namespace(),
          running.getStatus().jobName,
          new SimulatedKubelet.Succeeds(fullMarks(course, name)));
      until(course, name, "graded", s -> s.getStatus().phase == SubmissionPhase.Graded);
      List<String> expected = names.subList(finished, Math.min(6, finished + 2));
      awaitRunning(course, expected);
      if (finished + 2 < 6) {
        String next = "s" + (finished + 3);
        until(
            course,
            next,
            "first in the queue",
            s -> Integer.valueOf(0).equals(s.getStatus().queuePosition));
      }
    }
    List<String> jobs = names.stream().map(n -> current(course, n).getStatus().jobName).toList();
    List<String> started = kubelet.startOrder.stream().filter(jobs::contains).toList();
    // the first two share the two free slots at once; every later one waits for a slot, in
    // submission order
    assertThat(started.subList(0, 2)).containsExactlyInAnyOrderElementsOf(jobs.subList(0, 2));
    assertThat(started.subList(2, 6))
        .as("Jobs started in submission order")
        .containsExactlyElementsOf(jobs.subList(2, 6));
    names.forEach(name -> assertThat(jobsOf(course, name)).as(name).hasSize(1));
  }

  @Test
  void withAKueueQueueJobsAreCreatedSuspendedAndStayQueuedUntilAdmitted() throws IOException {
    Course course =
        course(
            g -> {
              g.maxConcurrent = 1;
              g.queue = "grading";
            },
            a -> {},
            "ada",
            "bob");
    kubeletGivesFullMarks(course);
    submitRelease(course, "ada-1", "ada");
    submitRelease(course, "bob-1", "bob");

    for (String name : List.of("ada-1", "bob-1")) {
      Submission queued = until(course, name, "suspended Job", s -> s.getStatus().jobName != null);
      assertThat(queued.getStatus().phase).isEqualTo(SubmissionPhase.Queued);
      assertThat(queued.getStatus().message).contains("Kueue queue grading");
      Job job = jobsOf(course, name).get(0);
      assertThat(job.getSpec().getSuspend()).isTrue();
      assertThat(job.getMetadata().getLabels())
          .containsEntry("kueue.x-k8s.io/queue-name", "grading");
    }
    // Kueue admits both: tito puts no cap of its own on top of Kueue's
    for (String name : List.of("ada-1", "bob-1")) {
      Job job = jobsOf(course, name).get(0);
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(course.namespace())
          .withName(job.getMetadata().getName())
          .edit(
              j -> {
                j.getSpec().setSuspend(false);
                return j;
              });
    }
    for (String name : List.of("ada-1", "bob-1")) {
      assertThat(
              until(course, name, "graded", s -> s.getStatus().phase == SubmissionPhase.Graded)
                  .getStatus()
                  .score)
          .isEqualTo(maxPoints(course));
    }
  }

  @Test
  void aRegradeGivesEachStudentsLatestSubmissionExactlyOneNewJob() throws IOException {
    Course course = course(g -> {}, a -> {}, "ada", "bob");
    kubeletGivesFullMarks(course);
    submitRelease(course, "ada-1", "ada");
    until(course, "ada-1", "graded", s -> s.getStatus().phase == SubmissionPhase.Graded);
    submitRelease(course, "ada-2", "ada");
    submitRelease(course, "bob-1", "bob");
    for (String name : List.of("ada-2", "bob-1")) {
      until(course, name, "graded", s -> s.getStatus().phase == SubmissionPhase.Graded);
    }

    // as `kubectl patch` does it: no resourceVersion, so the operator's status writes cannot make
    // it conflict
    client
        .resources(Assignment.class)
        .inNamespace(course.namespace())
        .withName(ASSIGNMENT)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"regrade\":1}}");

    for (String name : List.of("ada-2", "bob-1")) {
      Submission regraded =
          until(
              course,
              name,
              "regraded",
              s ->
                  Integer.valueOf(1).equals(s.getStatus().gradedRound)
                      && s.getStatus().phase == SubmissionPhase.Graded);
      assertThat(regraded.getStatus().jobName).endsWith("-1-1");
      assertThat(jobsOf(course, name))
          .extracting(j -> j.getMetadata().getName())
          .hasSize(2)
          .anyMatch(n -> n.endsWith("-0-1"))
          .anyMatch(n -> n.endsWith("-1-1"));
    }
    Submission older = current(course, "ada-1");
    assertThat(older.getStatus().gradedRound).as("not the latest: not regraded").isZero();
    assertThat(jobsOf(course, "ada-1")).hasSize(1);
  }

  private static void awaitRunning(Course course, List<String> expected) {
    dev.tito.operator.classroom.Eventually.until(
        "running " + expected,
        Duration.ofSeconds(30),
        () -> {
          List<String> running =
              jobsOf(course, null).stream()
                  .filter(j -> !dev.tito.operator.cluster.Jobs.finished(j))
                  .map(j -> j.getMetadata().getLabels().get(GradingJob.SUBMISSION))
                  .sorted()
                  .toList();
          assertThat(running.size())
              .as("never more than maxConcurrent running: " + running)
              .isLessThanOrEqualTo(2);
          return running;
        },
        running -> running.equals(expected),
        () -> null);
  }
}
