package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentStatus;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomStatus;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.SubmissionWait;
import dev.tito.api.testing.GradedSubmissions;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class ClassroomCommandTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  private static final String MANIFEST =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: ml-roster}
      data:
        roster.csv: |
          id,name
          ada,Ada Lovelace
          ben,Ben
      ---
      apiVersion: tito.dev/v1alpha1
      kind: Classroom
      metadata: {name: ml}
      spec:
        roster: {configMapRef: {name: ml-roster, key: roster.csv}}
        environment: {image: "quay.io/jupyter/minimal-notebook:2025-01-06"}
      """;

  private final ScheduledExecutorService operator = Executors.newSingleThreadScheduledExecutor();
  @TempDir Path dir;

  @BeforeAll
  static void installCrds() throws Exception {
    for (String crd :
        new String[] {
          "classrooms.tito.dev-v1.yml", "assignments.tito.dev-v1.yml", "submissions.tito.dev-v1.yml"
        }) {
      try (InputStream yaml = Files.newInputStream(Path.of("../crds", crd))) {
        client
            .resource(
                client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class))
            .create();
      }
    }
  }

  @AfterEach
  void stopOperator() {
    operator.shutdownNow();
  }

  @Test
  void setupAppliesEveryObjectOfTheManifestWithoutWaiting() throws Exception {
    Run run =
        tito("class-a", "classroom", "setup", "-f", manifest(MANIFEST).toString(), "--no-wait");

    assertThat(run.exit).isZero();
    assertThat(run.out)
        .contains(
            "configmap/ml-roster applied in namespace class-a",
            "classroom/ml applied in namespace class-a");
    assertThat(client.configMaps().inNamespace("class-a").withName("ml-roster").get().getData())
        .containsKey("roster.csv");
    assertThat(
            client
                .resources(Classroom.class)
                .inNamespace("class-a")
                .withName("ml")
                .get()
                .getSpec()
                .environment
                .image)
        .isEqualTo("quay.io/jupyter/minimal-notebook:2025-01-06");
  }

  @Test
  void setupAgainChangesTheClassroomInPlace() throws Exception {
    tito("class-b", "classroom", "setup", "-f", manifest(MANIFEST).toString(), "--no-wait");
    Run again =
        tito(
            "class-b",
            "classroom",
            "setup",
            "-f",
            manifest(MANIFEST.replace("2025-01-06", "2025-02-03")).toString(),
            "--no-wait");

    assertThat(again.exit).as(again.err).isZero();
    assertThat(
            client
                .resources(Classroom.class)
                .inNamespace("class-b")
                .withName("ml")
                .get()
                .getSpec()
                .environment
                .image)
        .endsWith("2025-02-03");
  }

  @Test
  void setupWaitsUntilTheOperatorSaysReady() throws Exception {
    // what the operator does: report progress, then Ready for the generation it saw
    int[] polls = {0};
    operator.scheduleWithFixedDelay(
        () -> {
          if (client.resources(Classroom.class).inNamespace("class-c").withName("ml").get()
              != null) {
            polls[0]++;
            report(
                "class-c",
                polls[0] < 3 ? 1 : 2,
                2,
                polls[0] < 3 ? "False" : "True",
                polls[0] < 3 ? "ServersStarting" : "AllReady");
          }
        },
        100,
        300,
        TimeUnit.MILLISECONDS);

    Run run =
        tito(
            "class-c",
            "classroom",
            "setup",
            "-f",
            manifest(MANIFEST).toString(),
            "--timeout",
            "30");

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out).contains("classroom ml is ready: 2/2 students");
  }

  @Test
  void setupSaysWhyAClassIsNotReadyInTime() throws Exception {
    operator.scheduleWithFixedDelay(
        () -> {
          Classroom classroom =
              client.resources(Classroom.class).inNamespace("class-d").withName("ml").get();
          if (classroom == null || classroom.getStatus() != null) {
            return;
          }
          ClassroomStatus status = new ClassroomStatus();
          status.total = 2;
          status.observedGeneration = classroom.getMetadata().getGeneration();
          status.conditions =
              List.of(
                  condition(
                      "RosterValid",
                      "False",
                      "RosterInvalid",
                      "roster.csv line 3: 'Ben' is not a valid Kubernetes name"),
                  condition("Ready", "False", "ServersStarting", "0 of 2 servers ready"));
          classroom.setStatus(status);
          client.resource(classroom).updateStatus();
        },
        100,
        200,
        TimeUnit.MILLISECONDS);

    Run run =
        tito(
            "class-d", "classroom", "setup", "-f", manifest(MANIFEST).toString(), "--timeout", "2");

    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err.lines())
        .contains(
            "tito: classroom ml: RosterValid is False (RosterInvalid): roster.csv line 3: 'Ben' is not a valid Kubernetes name",
            "tito: classroom ml is not ready after 2 s: ServersStarting: 0 of 2 servers ready");
  }

  @Test
  void aManifestWithoutAClassroomIsRefusedBeforeAnythingIsApplied() throws Exception {
    Run run =
        tito(
            "class-e",
            "classroom",
            "setup",
            "-f",
            manifest(MANIFEST.substring(0, MANIFEST.indexOf("---"))).toString());

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err.strip())
        .isEqualTo(
            "tito: "
                + dir.resolve("classroom.yaml")
                + ": no Classroom in it (kind: Classroom, apiVersion: tito.dev/v1alpha1)");
    assertThat(client.configMaps().inNamespace("class-e").list().getItems()).isEmpty();
  }

  @Test
  void aMissingFileIsOneLine() {
    Run run = tito("class-f", "classroom", "setup", "-f", dir.resolve("nope.yaml").toString());

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err.strip()).isEqualTo("tito: " + dir.resolve("nope.yaml") + ": no such file");
  }

  @Test
  void anUnreachableClusterIsOneLine() throws Exception {
    Path file = manifest(MANIFEST);
    Config nowhere =
        new ConfigBuilder()
            .withMasterUrl("https://127.0.0.1:1")
            .withRequestRetryBackoffLimit(0)
            .build();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Tito.commandLineOn(namespace -> new KubernetesClientBuilder().withConfig(nowhere).build())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute("classroom", "setup", "-f", file.toString(), "--no-wait");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("tito: cannot reach the cluster (check your kubeconfig context): ");
  }

  @Test
  void statusShowsStudentsAssignmentsTheQueueAndRecentFailures() throws Exception {
    tito("class-g", "classroom", "setup", "-f", manifest(MANIFEST).toString(), "--no-wait");
    report("class-g", 2, 2, "True", "AllReady");
    assignment("class-g", "tensors", 5.0, 2);
    submission("class-g", "tensors-ada-1", "ada", SubmissionPhase.Graded, null, null);
    submission(
        "class-g",
        "tensors-ben-1",
        "ben",
        SubmissionPhase.Failed,
        "OutOfMemory",
        "the notebook ran out of memory (limit 1Gi)");
    queued("class-g", "tensors-ben-2", "ben", SubmissionWait.QueuePlace, null);
    queued("class-g", "tensors-ada-2", "ada", SubmissionWait.RetryTime, "2026-03-01T12:00:10Z");

    Run table = tito("class-g", "classroom", "status");
    Run json = tito("class-g", "classroom", "status", "ml", "-o", "json");

    assertThat(table.exit).as(table.err).isZero();
    assertThat(table.out.lines().toList())
        .satisfies(
            lines -> {
              assertThat(lines.get(0)).startsWith("CLASSROOM  READY  STUDENTS");
              assertThat(lines.get(0)).contains("GRADING  WAITING FOR");
              assertThat(lines.get(1))
                  .as("what the queued wait for, and the earliest a retry moves")
                  .matches(
                      "ml +yes +2/2 +0 +0 +0 +1 +2 +0 +QueuePlace 1, RetryTime 1 \\(first at 2026-03-01T12:00:10Z\\)");
              assertThat(lines)
                  .anyMatch(
                      l -> l.matches("tensors +ml +ab12cd34ef +2/2 +4 +2 +0 +1 +1 +3\\.5 / 5\\.0"));
              assertThat(lines)
                  .anyMatch(
                      l ->
                          l.matches(
                              "tensors-ben-1 +ben +tensors +OutOfMemory .*the notebook ran out of memory \\(limit 1Gi\\)"));
            });
    JsonNode classroom = new ObjectMapper().readTree(json.out).path("classrooms").path(0);
    assertThat(classroom.path("students").path("ready").asInt()).isEqualTo(2);
    assertThat(classroom.path("queue").path("queued").asInt()).isEqualTo(2);
    assertThat(classroom.path("queue").path("waiting").path(1).path("waitingFor").asText())
        .isEqualTo("RetryTime");
    assertThat(classroom.path("queue").path("waiting").path(1).path("notBefore").asText())
        .isEqualTo("2026-03-01T12:00:10Z");
    assertThat(classroom.path("recentFailures").path(0).path("failureClass").asText())
        .isEqualTo("OutOfMemory");
  }

  @Test
  void statusOfAnUnknownClassroomIsOneLine() {
    Run run = tito("class-h", "classroom", "status", "nope");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err.strip()).isEqualTo("tito: no Classroom 'nope' in namespace class-h");
  }

  private void report(String namespace, int ready, int total, String readyStatus, String reason) {
    Classroom classroom =
        client.resources(Classroom.class).inNamespace(namespace).withName("ml").get();
    ClassroomStatus status = new ClassroomStatus();
    status.total = total;
    status.ready = ready;
    status.observedGeneration = classroom.getMetadata().getGeneration();
    status.conditions =
        List.of(condition("Ready", readyStatus, reason, ready + " of " + total + " servers ready"));
    classroom.setStatus(status);
    client.resource(classroom).updateStatus();
  }

  private static void assignment(String namespace, String name, double maxPoints, int delivered) {
    Assignment created = client.resource(GradedSubmissions.assignment(namespace, name)).create();
    AssignmentStatus status = new AssignmentStatus();
    status.maxPoints = maxPoints;
    status.delivered = delivered;
    status.releasedRevision = "ab12cd34ef";
    status.submissions = new dev.tito.api.assignment.SubmissionsSummary();
    status.submissions.mean = 3.5;
    created.setStatus(status);
    client.resource(created).updateStatus();
  }

  private static void submission(
      String namespace,
      String name,
      String student,
      SubmissionPhase phase,
      String failureClass,
      String message) {
    Submission submission = new Submission();
    submission.getMetadata().setName(name);
    submission.getMetadata().setNamespace(namespace);
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = "tensors";
    submission.getSpec().student = student;
    submission.getSpec().notebookConfigMap = name;
    Submission created = client.resource(submission).create();
    created.setStatus(new SubmissionStatus());
    created.getStatus().phase = phase;
    created.getStatus().failureClass = failureClass;
    created.getStatus().message = message;
    client.resource(created).updateStatus();
  }

  private static void queued(
      String namespace, String name, String student, SubmissionWait waitingFor, String notBefore) {
    submission(namespace, name, student, SubmissionPhase.Queued, null, null);
    Submission queued =
        client.resources(Submission.class).inNamespace(namespace).withName(name).get();
    queued.getStatus().waitingFor = waitingFor;
    queued.getStatus().notBefore = notBefore;
    client.resource(queued).updateStatus();
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(
      String type, String status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  private Path manifest(String yaml) throws Exception {
    Path file = dir.resolve("classroom.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private Run tito(String namespace, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Tito.commandLineOn(
                ns ->
                    new KubernetesClientBuilder()
                        .withConfig(
                            new ConfigBuilder(client.getConfiguration())
                                .withNamespace(ns == null ? namespace : ns)
                                .build())
                        .build())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private record Run(int exit, String out, String err) {}
}
