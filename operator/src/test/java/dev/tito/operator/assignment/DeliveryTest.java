package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.classroom.Eventually;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery of a released revision into every student's home, by the real operator on the mock server. Nothing runs
 * the Jobs here: the tests write their status as the Job controller would.
 */
class DeliveryTest extends AssignmentOnMockServer {

  @BeforeAll
  static void start() throws IOException {
    startOperator(100);
  }

  @Test
  void everyStudentGetsOneDeliveryJobOfTheContractsShape() throws IOException {
    String ns = namespace();
    runningServer(ns, "grace", "node-b");
    String revision = released(ns, "m1", "ada", "grace", "linus");

    List<Job> jobs = jobsWhere(ns, "three delivery Jobs", list -> list.size() == 3);
    assertThat(jobs)
        .extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder(
            DeliveryJob.name("m1", revision, "ada"),
            DeliveryJob.name("m1", revision, "grace"),
            DeliveryJob.name("m1", revision, "linus"));
    assertThat(DeliveryJob.name("m1", revision, "ada")).matches("deliver-[0-9a-f]{10}");
    List<String> releaseConfigMaps =
        client
            .configMaps()
            .inNamespace(ns)
            .withLabel(ReleaseObjects.REVISION, revision)
            .list()
            .getItems()
            .stream()
            .map(c -> c.getMetadata().getName())
            .sorted()
            .toList();
    for (Job job : jobs) {
      String student = job.getMetadata().getLabels().get("tito.dev/student");
      assertThat(job.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/managed-by", "tito-operator")
          .containsEntry("tito.dev/classroom", CLASSROOM)
          .containsEntry("tito.dev/assignment", "m1")
          .containsEntry("app.kubernetes.io/component", "delivery");
      assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
          .isEqualTo(job.getMetadata().getLabels());
      assertThat(job.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              owner ->
                  assertThat(owner.getKind() + "/" + owner.getName()).isEqualTo("Assignment/m1"));
      assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
      assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(300L);
      assertThat(job.getSpec().getTtlSecondsAfterFinished())
          .as("the operator deletes it once recorded")
          .isNull();

      PodSpec pod = job.getSpec().getTemplate().getSpec();
      assertThat(pod.getRestartPolicy()).isEqualTo("Never");
      assertThat(pod.getAutomountServiceAccountToken()).as("no service-account token").isFalse();
      assertThat(pod.getEnableServiceLinks()).isFalse();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
      assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(100L);
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      Container deliver = pod.getContainers().get(0);
      assertThat(pod.getContainers()).hasSize(1);
      assertThat(pod.getInitContainers()).isEmpty();
      assertThat(deliver.getName()).isEqualTo("deliver");
      assertThat(deliver.getImage()).isEqualTo(OperatorConfig.LOCAL_JOB_IMAGE);
      assertThat(deliver.getCommand())
          .containsExactly(
              "tito",
              "job",
              "deliver",
              "--release",
              "/var/run/tito/release",
              "--home",
              "/home/student",
              "--assignment",
              "m1",
              "--revision",
              revision);
      assertThat(deliver.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(deliver.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(deliver.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(deliver.getResources().getRequests())
          .isEqualTo(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("192Mi")));
      assertThat(deliver.getResources().getLimits())
          .isEqualTo(
              Map.of(
                  "cpu",
                  new Quantity("1"),
                  "memory",
                  new Quantity("384Mi"),
                  "ephemeral-storage",
                  new Quantity("64Mi")));
      assertThat(deliver.getVolumeMounts())
          .extracting(m -> m.getName() + " " + m.getMountPath() + " " + m.getReadOnly())
          .containsExactlyInAnyOrder(
              "release /var/run/tito/release true", "home /home/student null", "tmp /tmp null");
      Map<String, Volume> volumes =
          pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
      assertThat(volumes).containsOnlyKeys("release", "home", "tmp");
      assertThat(volumes.get("release").getProjected().getSources())
          .extracting(s -> s.getConfigMap().getName())
          .containsExactlyElementsOf(releaseConfigMaps);
      assertThat(volumes.get("home").getPersistentVolumeClaim().getClaimName())
          .isEqualTo("home-course-" + student);
      assertThat(volumes.get("tmp").getEmptyDir()).isNotNull();
      assertThat(volumes.values())
          .as("no gradebook in a delivery")
          .noneMatch(v -> v.getSecret() != null);

      if (student.equals("grace")) {
        var term =
            pod.getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(term)
            .singleElement()
            .satisfies(
                t -> {
                  assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                  assertThat(t.getLabelSelector().getMatchLabels())
                      .isEqualTo(
                          Map.of(
                              "tito.dev/classroom",
                              CLASSROOM,
                              "tito.dev/student",
                              "grace",
                              "app.kubernetes.io/component",
                              "jupyter-server"));
                });
      } else {
        assertThat(pod.getAffinity()).as(student + " has no running server").isNull();
      }
    }
    Assignment delivering =
        until(ns, "m1", "delivering", a -> "Delivering".equals(reason(a, "Delivered")));
    assertThat(delivering.getStatus().delivered).isZero();
    assertThat(condition(delivering, "Delivered").getMessage())
        .contains("0 of 3 students delivered", "3 delivery Jobs running");
  }

  @Test
  void succeededJobsAreRecordedInTheLedgerThenDeleted() throws IOException {
    String ns = namespace();
    String revision = released(ns, "m1", "ada", "grace", "linus");
    jobsWhere(ns, "three delivery Jobs", list -> list.size() == 3).forEach(DeliveryTest::succeed);

    Assignment delivered =
        until(ns, "m1", "delivered to all", a -> "True".equals(status(a, "Delivered")));
    assertThat(delivered.getStatus().delivered).isEqualTo(3);
    assertThat(condition(delivered, "Delivered").getMessage())
        .isEqualTo("revision " + revision + " delivered to 3 students");
    ConfigMap ledger = client.configMaps().inNamespace(ns).withName("m1-delivered").get();
    assertThat(ledger.getData())
        .isEqualTo(Map.of("revision", revision, "students", "ada\ngrace\nlinus\n"));
    assertThat(ledger.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("m1"));
    jobsWhere(ns, "delivery Jobs deleted once recorded", List::isEmpty);
  }

  @Test
  void aNewRevisionStartsANewLedgerAndDeliversAgain() throws IOException {
    String ns = namespace();
    String first = released(ns, "m1", "ada", "grace", "linus");
    jobsWhere(ns, "three delivery Jobs", list -> list.size() == 3).forEach(DeliveryTest::succeed);
    until(ns, "m1", "first revision delivered", a -> "True".equals(status(a, "Delivered")));
    jobsWhere(ns, "first Jobs deleted", List::isEmpty);

    source(
        ns,
        "src-v2",
        Map.of("tiny.py", valid(), "extra.txt", "new".getBytes(StandardCharsets.UTF_8)));
    pointTo(ns, "m1", "src-v2");
    Assignment second =
        until(
            ns,
            "m1",
            "new revision released",
            a ->
                a.getStatus().releasedRevision != null
                    && !a.getStatus().releasedRevision.equals(first));
    String revision = second.getStatus().releasedRevision;

    List<Job> again = jobsWhere(ns, "three Jobs of the new revision", list -> list.size() == 3);
    assertThat(again)
        .allSatisfy(
            job ->
                assertThat(
                        job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                    .endsWith("--revision", revision));
    Assignment delivering =
        until(
            ns,
            "m1",
            "the new revision's delivery",
            a ->
                "Delivering".equals(reason(a, "Delivered"))
                    && condition(a, "Delivered").getMessage().contains(revision));
    assertThat(delivering.getStatus().delivered).isZero();
    assertThat(client.configMaps().inNamespace(ns).withName("m1-delivered").get().getData())
        .isEqualTo(Map.of("revision", revision, "students", ""));
  }

  @Test
  void aStudentAddedToTheRosterGetsTheCurrentRevision() throws IOException {
    String ns = namespace();
    String revision = released(ns, "m1", "ada", "grace");
    jobsWhere(ns, "two delivery Jobs", list -> list.size() == 2).forEach(DeliveryTest::succeed);
    until(ns, "m1", "delivered to both", a -> "True".equals(status(a, "Delivered")));
    jobsWhere(ns, "Jobs deleted", List::isEmpty);

    retryOnConflict(
        () ->
            client
                .resources(Classroom.class)
                .inNamespace(ns)
                .withName(CLASSROOM)
                .edit(
                    c -> {
                      c.getSpec().roster.students.add(new RosterStudent("hedy"));
                      return c;
                    }));
    List<Job> jobs = jobsWhere(ns, "a Job for the new student", list -> list.size() == 1);
    assertThat(jobs.get(0).getMetadata().getName())
        .isEqualTo(DeliveryJob.name("m1", revision, "hedy"));
    assertThat(
            until(
                ns,
                "m1",
                "two of three",
                a -> a.getStatus().delivered == 2 && "Delivering".equals(reason(a, "Delivered"))))
        .isNotNull();
  }

  @Test
  void aFailedDeliveryIsReportedThenRetriedAsTheNextAttempt() throws IOException {
    String ns = namespace();
    String revision = released(ns, "m1", "ada", "grace");
    String adaJob = DeliveryJob.name("m1", revision, "ada");
    List<Job> jobs = jobsWhere(ns, "two delivery Jobs", list -> list.size() == 2);
    Job failed =
        jobs.stream()
            .filter(j -> j.getMetadata().getName().equals(adaJob))
            .findFirst()
            .orElseThrow();
    assertThat(failed.getMetadata().getAnnotations()).containsEntry(DeliveryJob.ATTEMPT, "1");
    jobs.stream().filter(j -> j != failed).forEach(DeliveryTest::succeed);
    // failed well before now: its backoff is over, so the retry follows at once
    fail(failed, Instant.now().minusSeconds(3600));

    Assignment reported =
        until(ns, "m1", "delivery failed", a -> "DeliveryFailed".equals(reason(a, "Delivered")));
    assertThat(condition(reported, "Delivered").getMessage())
        .contains("ada (1 attempt)", "1 of 2 delivered");
    // Events are recorded after the status write that shows the condition
    assertThat(
            Eventually.until(
                "an Event DeliveryFailed",
                Duration.ofSeconds(30),
                () -> client.v1().events().inNamespace(ns).list().getItems(),
                events -> events.stream().anyMatch(e -> "DeliveryFailed".equals(e.getReason())),
                () -> null))
        .isNotEmpty();
    Job retry =
        jobsWhere(
                ns,
                "the second attempt",
                list ->
                    list.size() == 1
                        && !list.get(0)
                            .getMetadata()
                            .getUid()
                            .equals(failed.getMetadata().getUid()))
            .get(0);
    assertThat(retry.getMetadata().getName()).isEqualTo(adaJob);
    assertThat(retry.getMetadata().getAnnotations()).containsEntry(DeliveryJob.ATTEMPT, "2");
    assertThat(client.configMaps().inNamespace(ns).withName("m1-delivered").get().getData())
        .containsEntry("failures", "ada 1\n");

    succeed(retry);
    Assignment delivered =
        until(ns, "m1", "delivered after the retry", a -> "True".equals(status(a, "Delivered")));
    assertThat(delivered.getStatus().delivered).isEqualTo(2);
    assertThat(client.configMaps().inNamespace(ns).withName("m1-delivered").get().getData())
        .doesNotContainKey("failures");
  }

  // --- harness ---

  /** A student's server pod as the scheduler and kubelet leave it: bound to a node, running. */
  private static void runningServer(String ns, String student, String node) {
    client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(CLASSROOM + "-" + student + "-0")
                .withNamespace(ns)
                .withLabels(
                    Map.of(
                        "app.kubernetes.io/managed-by",
                        "tito-operator",
                        "tito.dev/classroom",
                        CLASSROOM,
                        "tito.dev/student",
                        student,
                        "app.kubernetes.io/component",
                        "jupyter-server"))
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName("jupyter")
                .withImage("jupyter")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build())
        .create();
  }

  static List<Job> jobsWhere(String ns, String what, java.util.function.Predicate<List<Job>> done) {
    return until(
        what,
        () ->
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(ns)
                .withLabel("app.kubernetes.io/component", "delivery")
                .list()
                .getItems(),
        done);
  }

  /** What the Job controller writes when the pod exited 0. */
  static void succeed(Job job) {
    retryOnConflict(
        () -> {
          Job latest = client.resource(job).get();
          latest.setStatus(
              new JobStatusBuilder()
                  .withSucceeded(1)
                  .withCompletionTime(Instant.now().toString())
                  .withConditions(
                      new JobConditionBuilder()
                          .withType("Complete")
                          .withStatus("True")
                          .withLastTransitionTime(Instant.now().toString())
                          .build())
                  .build());
          client.resource(latest).updateStatus();
        });
  }

  /** What the Job controller writes once backoffLimit is exhausted. */
  static void fail(Job job, Instant at) {
    retryOnConflict(
        () -> {
          Job latest = client.resource(job).get();
          latest.setStatus(
              new JobStatusBuilder()
                  .withFailed(4)
                  .withConditions(
                      new JobConditionBuilder()
                          .withType("Failed")
                          .withStatus("True")
                          .withReason("BackoffLimitExceeded")
                          .withLastTransitionTime(at.toString())
                          .build())
                  .build());
          client.resource(latest).updateStatus();
        });
  }
}
