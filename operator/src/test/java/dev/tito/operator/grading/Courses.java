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
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Released courses to grade, through one client: a Classroom, an Assignment of TinyTorch's style released by the
 * operator, and students' hand-ins, on the mock server ({@link CoursesOnMockServer}) or a real API server.
 */
public final class Courses {
  public static final String ASSIGNMENT = "m1";
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final KubernetesClient client;
  private final Supplier<String> namespaces;

  /** @param namespaces where each new course goes (a namespace the operator watches) */
  public Courses(KubernetesClient client, Supplier<String> namespaces) {
    this.client = client;
    this.namespaces = namespaces;
  }

  /** A released assignment in a class of its own namespace. */
  public record Course(
      String namespace, ReleaseGradebook gradebook, Map<String, String> releasedNotebooks) {
    public String notebook() {
      return releasedNotebooks.keySet().iterator().next();
    }
  }

  /** The instructor's source: a module in TinyTorch's style, {@code tiny.py} of the Secret {@code src}. */
  public static Secret source(String namespace) throws IOException {
    byte[] module =
        Files.readAllBytes(Path.of("../notebook/src/test/resources/jupytext/tinytorch_style.py"));
    return new SecretBuilder()
        .withNewMetadata()
        .withName("src")
        .withNamespace(namespace)
        .endMetadata()
        .withData(Map.of("tiny.py", Base64.getEncoder().encodeToString(module)))
        .build();
  }

  public Course course(
      Consumer<GradingDefaults> grading,
      Consumer<AssignmentSpec> assignmentSpec,
      String... students)
      throws IOException {
    String ns = namespaces.get();
    client.resource(source(ns)).create();
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
  public Submission submit(Course course, String name, String student, Map<String, String> files) {
    return submit(course, name, student, files, Map.of());
  }

  /** A hand-in whose Submission carries these labels. */
  public Submission submit(
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
  public Submission submitRelease(Course course, String name, String student) {
    return submit(course, name, student, course.releasedNotebooks());
  }

  public Submission current(Course course, String name) {
    return client.resources(Submission.class).inNamespace(course.namespace()).withName(name).get();
  }

  public Submission until(Course course, String name, String what, Predicate<Submission> done) {
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
  public List<Job> jobsOf(Course course, String submission) {
    var jobs = client.batch().v1().jobs().inNamespace(course.namespace());
    return (submission == null
            ? jobs.withLabel(ClassroomLabels.COMPONENT, GradingJob.COMPONENT)
            : jobs.withLabel(GradingJob.SUBMISSION, submission))
        .list()
        .getItems();
  }

  /** The score container's output line, each test scored by {@code score}. */
  public static String scoreLine(
      Course course, String student, ToDoubleFunction<String> score, String feedback) {
    return ScoreLog.of(course.gradebook(), ASSIGNMENT, student, score, feedback);
  }

  /** Full marks on every test. */
  public static String fullMarks(Course course, String student) {
    return ScoreLog.fullMarks(course.gradebook(), ASSIGNMENT, student);
  }

  public static double maxPoints(Course course) {
    return course.gradebook().notebooks().values().stream()
        .flatMap(rows -> rows.gradeCells().values().stream())
        .mapToDouble(ReleaseGradebook.GradeCell::maxScore)
        .sum();
  }
}
