package dev.tito.demo;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.notebook.ipynb.AtomicFiles;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole flow on one machine: a Kubernetes API (a real control plane, or in-process: {@link ApiChoice}), the real
 * operator, a local kubelet; the sample
 * Classroom and Assignment applied, the sample students' work submitted once the Assignment is released, and each
 * submission followed until it is graded (its feedback page copied out) or failed.
 */
public final class Demo {
  static final String JUPYTER_MISSING =
      "Jupyter is needed to execute notebooks: "
          + "sudo apt-get install jupyter-nbconvert python3-ipykernel python3-numpy";

  /**
   * @param samples the samples folder: {@code classroom.yaml}, {@code assignment-source.yaml}, {@code assignment.yaml}, and
   *     {@code course/submitted/<student>/<module>}
   * @param module the course module the sample Assignment releases: the folder of each student's hand-in
   * @param folder where pods' files, the students' homes and the feedback pages go
   * @param timeout how long to wait for every submission to be graded or failed
   * @param parallel Jobs run at once
   * @param containers how pods' containers run here: as processes, or in podman
   * @param api the Kubernetes API the demo runs on
   */
  public record Settings(
      Path samples,
      String module,
      Path folder,
      Duration timeout,
      int parallel,
      Containers containers,
      ApiChoice api) {}

  /** Why the demo could not finish: the message is one line for the user. */
  public static final class DemoException extends Exception {
    private final int exitCode;

    DemoException(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Settings settings;
  private final DemoProgress progress;

  public Demo(Settings settings, PrintStream out) {
    this.settings = settings;
    this.progress = new DemoProgress(out);
  }

  /** What a caller reads from the cluster once every submission is graded or failed, before the cluster stops. */
  interface Finished {
    void read(KubernetesClient client, String namespace) throws IOException;
  }

  /** Runs the demo; returns normally when every submission is graded or failed. */
  public void run() throws DemoException, IOException {
    run((client, namespace) -> {});
  }

  /** Runs the demo, then lets {@code finished} read the Jobs and pods as the kubelet left them before the cluster stops. */
  void run(Finished finished) throws DemoException, IOException {
    List<HasMetadata> classroomObjects = sample("classroom.yaml");
    List<HasMetadata> assignmentObjects = new ArrayList<>(sample("assignment-source.yaml"));
    assignmentObjects.addAll(sample("assignment.yaml"));
    Classroom classroom = only(classroomObjects, Classroom.class, "classroom.yaml");
    Assignment assignment = only(assignmentObjects, Assignment.class, "assignment.yaml");
    Map<String, Path> handIns = handIns();
    java.util.Optional<String> unavailable = settings.containers().unavailable();
    if (unavailable.isPresent()) {
      throw new DemoException(2, unavailable.get());
    }
    Files.createDirectories(settings.folder());
    progress.line(settings.api().firstLine(settings.folder(), settings.containers().how()));
    try (StopOnExit onExit = new StopOnExit()) {
      try (DemoCluster cluster = settings.api().start(settings);
          TitoOperator operator =
              new TitoOperator(
                  cluster.client(),
                  OperatorConfig.local(Duration.ofMinutes(1)),
                  (statusUri, token) -> Optional.empty(),
                  Clock.systemUTC())) {
        operator.start();
        cluster.startKubelet();
        apply(cluster, classroomObjects);
        apply(cluster, assignmentObjects);
        follow(cluster, classroom, assignment, handIns);
        finished.read(cluster.client(), cluster.namespace());
      } catch (RuntimeException e) {
        if (onExit.stopping()) {
          StopOnExit.awaitHalt();
        }
        throw e;
      }
    }
  }

  private void follow(
      DemoCluster cluster, Classroom classroom, Assignment assignment, Map<String, Path> handIns)
      throws DemoException, IOException {
    Instant deadline = Instant.now().plus(settings.timeout());
    List<String> students = classroom.getSpec().roster.students.stream().map(s -> s.id).toList();
    boolean submitted = false;
    Map<String, Submission> finished = new LinkedHashMap<>();
    List<Submission> submissions = List.of();
    while (true) {
      Classroom room = current(cluster, Classroom.class, classroom);
      if (room != null) {
        progress.classroom(room, students);
      }
      Assignment current = current(cluster, Assignment.class, assignment);
      if (current != null) {
        progress.assignment(current);
        if (rejected(current)) {
          throw new DemoException(
              1, "the sample assignment did not pass the quality gates (see above)");
        }
        if (!submitted
            && current.getStatus() != null
            && current.getStatus().releasedRevision != null) {
          for (Map.Entry<String, Path> handIn : handIns.entrySet()) {
            apply(
                cluster,
                SampleManifests.submission(
                    assignment.getMetadata().getName(), handIn.getKey(), handIn.getValue()));
          }
          submitted = true;
        }
      }
      if (submitted) {
        submissions =
            cluster
                .client()
                .resources(Submission.class)
                .inNamespace(cluster.namespace())
                .list()
                .getItems();
        for (Submission submission : submissions) {
          progress.submission(submission);
          if (!finished.containsKey(submission.getMetadata().getName())
              && done(cluster, submission)) {
            finished.put(submission.getMetadata().getName(), submission);
          }
        }
        if (finished.size() == handIns.size()) {
          long graded =
              finished.values().stream()
                  .filter(s -> s.getStatus().phase == SubmissionPhase.Graded)
                  .count();
          progress.line(
              "done: "
                  + graded
                  + " of "
                  + handIns.size()
                  + " submissions graded, "
                  + (handIns.size() - graded)
                  + " failed; feedback pages in "
                  + settings.folder().resolve("feedback"));
          return;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DemoException(
            2,
            "timed out after "
                + settings.timeout().toSeconds()
                + " s: "
                + waitingFor(submitted, finished, submissions)
                + " (pods' logs are in "
                + settings.folder().resolve("pods")
                + ")");
      }
      pause();
    }
  }

  /** Graded (its feedback page copied out) or failed. */
  private boolean done(DemoCluster cluster, Submission submission) throws IOException {
    var status = submission.getStatus();
    if (status == null
        || (status.phase != SubmissionPhase.Graded && status.phase != SubmissionPhase.Failed)) {
      return false;
    }
    String feedbackMap =
        status.feedbackConfigMap != null
            ? status.feedbackConfigMap
            : submission.getMetadata().getName() + "-feedback";
    ConfigMap feedback =
        cluster.client().configMaps().inNamespace(cluster.namespace()).withName(feedbackMap).get();
    String page =
        feedback == null || feedback.getData() == null
            ? null
            : feedback.getData().get("feedback.html");
    if (page == null) {
      return status.phase == SubmissionPhase.Failed;
    }
    Path file =
        settings.folder().resolve("feedback").resolve(submission.getSpec().student + ".html");
    Files.createDirectories(file.getParent());
    AtomicFiles.write(file, page.getBytes(StandardCharsets.UTF_8));
    progress.feedback(submission, file);
    return true;
  }

  private static boolean rejected(Assignment assignment) {
    return assignment.getStatus() != null
        && assignment.getStatus().conditions.stream()
            .anyMatch(
                c ->
                    "Validated".equals(c.getType())
                        && "False".equals(c.getStatus())
                        && "GateErrors".equals(c.getReason()));
  }

  private static String waitingFor(
      boolean submitted, Map<String, Submission> finished, List<Submission> submissions) {
    if (!submitted) {
      return "the assignment was not released";
    }
    List<String> open = new ArrayList<>();
    for (Submission submission : submissions) {
      if (!finished.containsKey(submission.getMetadata().getName())) {
        var status = submission.getStatus();
        open.add(
            submission.getSpec().student
                + " ("
                + (status == null || status.phase == null
                    ? "not picked up by the operator"
                    : status.phase)
                + ")");
      }
    }
    return "not yet graded: " + String.join(", ", open);
  }

  /** The module folder of each sample student who handed in the module, by student id. */
  private Map<String, Path> handIns() throws DemoException {
    Path submitted = settings.samples().resolve("course").resolve("submitted");
    Map<String, Path> handIns = new LinkedHashMap<>();
    try (var students = Files.list(submitted)) {
      for (Path student : students.sorted().toList()) {
        Path folder = student.resolve(settings.module());
        if (Files.isDirectory(folder)) {
          handIns.put(student.getFileName().toString(), folder);
        }
      }
    } catch (IOException e) {
      throw new DemoException(2, submitted + ": " + e.getMessage());
    }
    if (handIns.isEmpty()) {
      throw new DemoException(
          2, submitted + ": no student folder holds the module " + settings.module());
    }
    return handIns;
  }

  private List<HasMetadata> sample(String name) throws DemoException, IOException {
    Path file = settings.samples().resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new DemoException(
          2, file + ": no such file (--samples names the folder of the sample manifests)");
    }
    try {
      return SampleManifests.read(file);
    } catch (IllegalArgumentException e) {
      throw new DemoException(2, e.getMessage());
    }
  }

  private static <T extends HasMetadata> T only(
      List<HasMetadata> objects, Class<T> kind, String file) throws DemoException {
    List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    if (found.size() != 1) {
      throw new DemoException(
          2, file + ": expected one " + kind.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  private static void apply(DemoCluster cluster, List<HasMetadata> objects) {
    for (HasMetadata object : objects) {
      object.getMetadata().setNamespace(cluster.namespace());
      cluster.client().resource(object).create();
    }
  }

  private static <T extends HasMetadata> T current(DemoCluster cluster, Class<T> kind, T object) {
    return cluster
        .client()
        .resources(kind)
        .inNamespace(cluster.namespace())
        .withName(object.getMetadata().getName())
        .get();
  }

  private static void pause() throws DemoException {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException(2, "interrupted");
    }
  }
}
