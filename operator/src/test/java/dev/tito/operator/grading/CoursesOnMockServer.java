package dev.tito.operator.grading;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.GradingDefaults;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.classroom.Eventually;
import dev.tito.operator.classroom.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Fabric8 mock server (CRUD mode, indexed by name) with the CRDs and a simulated kubelet, and released courses to
 * grade; the operator runs in-process ({@link GradingOnMockServer}) or in a process of its own. Each test teaches its
 * own class.
 */
abstract class CoursesOnMockServer {
  static final String ASSIGNMENT = "m1";
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  static KubernetesMockServer server;
  static KubernetesClient client;
  static SimulatedKubelet kubelet;

  @BeforeAll
  static void startServerAndKubelet() throws IOException {
    // the kubelet scripts pod logs from its own thread while the server's threads read them
    Map<ServerRequest, Queue<ServerResponse>> scripted = new ConcurrentHashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            scripted,
            new IndexedMixedDispatcher(scripted),
            true);
    server.init();
    client = server.createClient();
    OperatorOnMockServer.installCrds(client);
    kubelet = new SimulatedKubelet(client, server);
  }

  @AfterAll
  static void stopServerAndKubelet() {
    kubelet.close();
    client.close();
    server.destroy();
  }

  /** A released assignment in a class of its own namespace. */
  record Course(
      String namespace, ReleaseGradebook gradebook, Map<String, String> releasedNotebooks) {
    String notebook() {
      return releasedNotebooks.keySet().iterator().next();
    }
  }

  static Course course(
      Consumer<GradingDefaults> grading,
      Consumer<AssignmentSpec> assignmentSpec,
      String... students)
      throws IOException {
    String ns = "grading-" + NAMESPACES.incrementAndGet();
    byte[] module =
        Files.readAllBytes(Path.of("../notebook/src/test/resources/jupytext/tinytorch_style.py"));
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("src")
                .withNamespace(ns)
                .endMetadata()
                .withData(Map.of("tiny.py", Base64.getEncoder().encodeToString(module)))
                .build())
        .create();
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("course");
    classroom.getMetadata().setNamespace(ns);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image =
        "quay.io/jupyter/minimal-notebook@sha256:" + "a".repeat(64);
    classroom.getSpec().roster.students =
        new ArrayList<>(Arrays.stream(students).map(RosterStudent::new).toList());
    classroom.getSpec().grading = new GradingDefaults();
    grading.accept(classroom.getSpec().grading);
    client.resource(classroom).create();
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName(ASSIGNMENT);
    assignment.getMetadata().setNamespace(ns);
    assignment.setSpec(new AssignmentSpec());
    assignment.getSpec().classroom = "course";
    assignment.getSpec().sourceSecret = "src";
    assignmentSpec.accept(assignment.getSpec());
    client.resource(assignment).create();
    Assignment released =
        Eventually.until(
            "assignment released",
            Duration.ofMinutes(2),
            () -> client.resources(Assignment.class).inNamespace(ns).withName(ASSIGNMENT).get(),
            a -> a.getStatus() != null && a.getStatus().releasedRevision != null,
            () -> null);
    String revision = released.getStatus().releasedRevision;
    String rows =
        new String(
            Base64.getDecoder()
                .decode(
                    client
                        .secrets()
                        .inNamespace(ns)
                        .withName(ASSIGNMENT + "-gradebook-" + revision)
                        .get()
                        .getData()
                        .get("gradebook.json")),
            StandardCharsets.UTF_8);
    ReleaseGradebook gradebook =
        JSON.readValue(rows, new TypeReference<Map<String, ReleaseGradebook>>() {}).get(ASSIGNMENT);
    Map<String, String> notebooks = new java.util.TreeMap<>();
    for (ConfigMap cm :
        client
            .configMaps()
            .inNamespace(ns)
            .withLabel("tito.dev/revision", revision)
            .list()
            .getItems()) {
      cm.getData()
          .forEach(
              (key, value) -> {
                if (key.endsWith(".ipynb")) {
                  notebooks.put(key, value);
                }
              });
    }
    return new Course(ns, gradebook, notebooks);
  }

  /** A student hands in files: their ConfigMap, then the Submission. */
  static Submission submit(Course course, String name, String student, Map<String, String> files) {
    return submit(course, name, student, files, Map.of());
  }

  /** A hand-in whose Submission carries these labels. */
  static Submission submit(
      Course course,
      String name,
      String student,
      Map<String, String> files,
      Map<String, String> labels) {
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name + "-files")
                .withNamespace(course.namespace())
                .endMetadata()
                .withData(files)
                .build())
        .create();
    Submission submission = new Submission();
    submission.getMetadata().setName(name);
    submission.getMetadata().setNamespace(course.namespace());
    submission.getMetadata().setLabels(labels);
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = ASSIGNMENT;
    submission.getSpec().student = student;
    submission.getSpec().notebookConfigMap = name + "-files";
    return client.resource(submission).create();
  }

  /** The released notebook handed in unchanged. */
  static Submission submitRelease(Course course, String name, String student) {
    return submit(course, name, student, course.releasedNotebooks());
  }

  static Submission current(Course course, String name) {
    return client.resources(Submission.class).inNamespace(course.namespace()).withName(name).get();
  }

  static Submission until(Course course, String name, String what, Predicate<Submission> done) {
    return Eventually.until(
        name + " " + what,
        Duration.ofSeconds(30),
        () -> current(course, name),
        s -> s.getStatus() != null && done.test(s),
        () ->
            "status: "
                + client.getKubernetesSerialization().asJson(current(course, name).getStatus())
                + "; jobs: "
                + jobsOf(course, null).stream().map(j -> j.getMetadata().getName()).toList());
  }

  /** Grading Jobs of the course, of one submission when named. */
  static List<Job> jobsOf(Course course, String submission) {
    var jobs = client.batch().v1().jobs().inNamespace(course.namespace());
    return (submission == null
            ? jobs.withLabel(ClassroomLabels.COMPONENT, GradingJob.COMPONENT)
            : jobs.withLabel(GradingJob.SUBMISSION, submission))
        .list()
        .getItems();
  }

  /** The score container's output line, each test scored by {@code score}. */
  static String scoreLine(
      Course course, String student, ToDoubleFunction<String> score, String feedback) {
    return ScoreLog.of(course.gradebook(), ASSIGNMENT, student, score, feedback);
  }

  /** Full marks on every test. */
  static String fullMarks(Course course, String student) {
    return ScoreLog.fullMarks(course.gradebook(), ASSIGNMENT, student);
  }

  static double maxPoints(Course course) {
    return course.gradebook().notebooks().values().stream()
        .flatMap(rows -> rows.gradeCells().values().stream())
        .mapToDouble(ReleaseGradebook.GradeCell::maxScore)
        .sum();
  }
}
