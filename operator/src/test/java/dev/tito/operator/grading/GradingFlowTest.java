package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.classroom.Eventually;
import dev.tito.operator.grading.Courses.Course;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradingFlowTest extends GradingOnMockServer {

  @Test
  void aSubmissionIsGradedInOneJobWithScoreResultsAndFeedback() throws Exception {
    Course course = course(g -> {}, a -> {}, "ada");
    kubelet.in(course.namespace(), job -> new SimulatedKubelet.Succeeds(fullMarks(course, "ada")));
    submitRelease(course, "ada-1", "ada");

    Submission graded =
        until(course, "ada-1", "graded", s -> s.getStatus().phase == SubmissionPhase.Graded);
    assertThat(graded.getStatus().score).isEqualTo(maxPoints(course)).isPositive();
    assertThat(graded.getStatus().maxScore).isEqualTo(maxPoints(course));
    assertThat(graded.getStatus().latePenalty).isZero();
    assertThat(graded.getStatus().results)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.status).isEqualTo("passed"));
    assertThat(graded.getStatus().attempts).isEqualTo(1);
    assertThat(graded.getStatus().gradedRound).isZero();
    assertThat(graded.getStatus().startedAt).isNotNull();
    assertThat(graded.getStatus().completedAt).isNotNull();
    assertThat(graded.getStatus().conditions)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getType()).isEqualTo("Graded");
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getObservedGeneration()).isEqualTo(graded.getMetadata().getGeneration());
            });
    ConfigMap feedback =
        client.configMaps().inNamespace(course.namespace()).withName("ada-1-feedback").get();
    assertThat(feedback.getData().get("feedback.html")).contains("well done");
    assertThat(feedback.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(graded.getMetadata().getUid()));
    ConfigMap files =
        client.configMaps().inNamespace(course.namespace()).withName("ada-1-files").get();
    assertThat(files.getMetadata().getOwnerReferences())
        .as("the submitted files go with the submission")
        .anySatisfy(o -> assertThat(o.getUid()).isEqualTo(graded.getMetadata().getUid()));

    List<Job> jobs = jobsOf(course, "ada-1");
    assertThat(jobs)
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.getMetadata().getName())
                  .isEqualTo(graded.getStatus().jobName)
                  .matches("ada-1-[0-9a-f]{6}-0-1");
              assertThat(job.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(
                      o -> {
                        assertThat(o.getKind()).isEqualTo("Submission");
                        assertThat(o.getController()).isTrue();
                      });
              assertThat(job.getSpec().getTemplate().getSpec().getInitContainers())
                  .extracting(c -> c.getName())
                  .containsExactly("prepare", "execute");
              assertThat(
                      job.getSpec().getTemplate().getSpec().getInitContainers().get(1).getCommand())
                  .contains(course.notebook());
            });
    NetworkPolicy isolation =
        client
            .network()
            .v1()
            .networkPolicies()
            .inNamespace(course.namespace())
            .withName("course-grading")
            .get();
    assertThat(isolation.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(isolation.getSpec().getIngress()).isEmpty();
    assertThat(isolation.getSpec().getEgress()).isEmpty();
    assertThat(isolation.getSpec().getPodSelector().getMatchLabels())
        .containsEntry(ClassroomLabels.COMPONENT, "grading")
        .containsEntry(ClassroomLabels.CLASSROOM, "course");
    assertThat(isolation.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("Classroom"));

    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + operator.httpPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .contains(
            "tito_grading_outcomes_total{outcome=\"graded\"",
            "tito_grading_duration_seconds_bucket",
            "tito_submission_to_job_seconds_count",
            "tito_grading_queue_depth{classroom=\"" + course.namespace() + "/course\"}");
  }

  @Test
  void scoresAboveTheMaximumOrBelowZeroAreClampedToTheGradebooksPoints() throws IOException {
    Course course = course(g -> {}, a -> {}, "ada");
    String first =
        course
            .gradebook()
            .notebooks()
            .values()
            .iterator()
            .next()
            .gradeCells()
            .keySet()
            .iterator()
            .next();
    kubelet.in(
        course.namespace(),
        job ->
            new SimulatedKubelet.Succeeds(
                scoreLine(course, "ada", id -> id.equals(first) ? 1000 : -50, "<p>hacked</p>")));
    submitRelease(course, "ada-1", "ada");

    Submission graded =
        until(course, "ada-1", "graded", s -> s.getStatus().phase == SubmissionPhase.Graded);
    double firstMax =
        course
            .gradebook()
            .notebooks()
            .values()
            .iterator()
            .next()
            .gradeCells()
            .get(first)
            .maxScore();
    assertThat(graded.getStatus().score).isEqualTo(firstMax);
    assertThat(graded.getStatus().results)
        .allSatisfy(r -> assertThat(r.score).isBetween(0.0, r.maxScore));
  }

  @Test
  void outputThatIsNotAResultIsAnInfrastructureErrorRetriedThenFailed() throws IOException {
    Course course = course(g -> g.retries = 1, a -> {}, "ada", "bob");
    kubelet.in(
        course.namespace(),
        job ->
            new SimulatedKubelet.Succeeds(
                job.getMetadata().getName().startsWith("ada")
                    ? "{\"tito\":\"grading-result\", not json\n"
                    : "x".repeat(2 << 20)));
    submitRelease(course, "ada-1", "ada");
    submitRelease(course, "bob-1", "bob");

    for (String name : List.of("ada-1", "bob-1")) {
      Submission failed =
          until(course, name, "failed", s -> s.getStatus().phase == SubmissionPhase.Failed);
      assertThat(failed.getStatus().failureClass).isEqualTo("InfrastructureError");
      assertThat(failed.getStatus().attempts).isEqualTo(2);
      assertThat(failed.getStatus().score).isNull();
      assertThat(jobsOf(course, name)).hasSize(2);
    }
    assertThat(current(course, "ada-1").getStatus().message).contains("not JSON");
    assertThat(current(course, "bob-1").getStatus().message).contains("1048576");
  }

  @Test
  void anOutOfMemoryKillAndADeadlineAreStudentFailuresNeverRetried() throws IOException {
    Course course = course(g -> {}, a -> {}, "ada", "bob", "cy");
    kubelet.in(
        course.namespace(),
        job ->
            switch (job.getSpec().getTemplate().getMetadata().getLabels().get("tito.dev/student")) {
              case "ada" -> new SimulatedKubelet.ExecuteEnds("OOMKilled", 137);
              case "bob" -> new SimulatedKubelet.DeadlineExceeded();
              default -> new SimulatedKubelet.ExecuteEnds("Error", 1);
            });
    submitRelease(course, "ada-1", "ada");
    submitRelease(course, "bob-1", "bob");
    submitRelease(course, "cy-1", "cy");

    Map<String, String> expected =
        Map.of("ada-1", "OutOfMemory", "bob-1", "Timeout", "cy-1", "KernelDied");
    expected.forEach(
        (name, failureClass) -> {
          Submission failed =
              until(course, name, "failed", s -> s.getStatus().phase == SubmissionPhase.Failed);
          assertThat(failed.getStatus().failureClass).isEqualTo(failureClass);
          assertThat(failed.getStatus().conditions)
              .singleElement()
              .satisfies(
                  c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo(failureClass);
                  });
          assertThat(jobsOf(course, name)).as("never retried").hasSize(1);
        });
    // Events are recorded after the status write that shows the condition
    assertThat(
            Eventually.until(
                "an Event OutOfMemory",
                Duration.ofSeconds(30),
                () -> client.v1().events().inNamespace(course.namespace()).list().getItems(),
                events -> events.stream().anyMatch(e -> "OutOfMemory".equals(e.getReason())),
                () -> null))
        .isNotEmpty();
  }

  @Test
  void anImageThatCannotBePulledIsRetriedThenFailed() throws IOException {
    Course course = course(g -> g.retries = 2, a -> {}, "ada");
    kubelet.in(course.namespace(), job -> new SimulatedKubelet.ImagePullFails());
    submitRelease(course, "ada-1", "ada");

    Submission failed =
        until(course, "ada-1", "failed", s -> s.getStatus().phase == SubmissionPhase.Failed);
    assertThat(failed.getStatus().failureClass)
        .as(failed.getStatus().message)
        .isEqualTo("ImagePullError");
    assertThat(failed.getStatus().attempts).isEqualTo(3);
    assertThat(failed.getStatus().message).contains("ImagePullBackOff", "3 attempts");
    assertThat(failed.getStatus().jobName).endsWith("-0-3");
  }
}
