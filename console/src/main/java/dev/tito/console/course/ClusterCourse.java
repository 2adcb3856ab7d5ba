package dev.tito.console.course;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.review.Review;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.console.cluster.ClusterGrades;
import dev.tito.console.cluster.ClusterReviews;
import dev.tito.console.live.ClassWatch;
import dev.tito.console.live.LiveClass;
import dev.tito.console.live.QueueHistory;
import dev.tito.notebook.export.ModuleGrades;
import dev.tito.notebook.review.ManualGrading;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A class in a cluster, read with the kubeconfig's identity (an instructor's own rights): the gradebook and the live
 * view come from one {@link ClassWatch} of the namespace; a grade is written as a Review by {@link ClusterReviews},
 * the code of {@code tito grades set --cluster}; the submitted notebooks and feedback pages are read when a page
 * shows them. {@link #classroom} narrows it to one Classroom, as the console behind the gateway serves each class to
 * its own instructors.
 */
public final class ClusterCourse implements CourseSource {
  private static final String FIELD_MANAGER = "tito-console";
  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;
  private final ClassWatch watch;
  private final QueueHistory queue;
  private final List<java.util.function.Consumer<Change>> listeners;
  private final Activity activity;
  private final String classroom;

  public ClusterCourse(KubernetesClient client, String namespace, Clock clock) {
    if (namespace == null) {
      throw new IllegalArgumentException(
          "no namespace: pass --namespace or set one in the kubeconfig's context");
    }
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
    this.activity = new Activity(clock);
    this.classroom = null;
    this.queue = new QueueHistory();
    this.listeners = new CopyOnWriteArrayList<>();
    this.watch = new ClassWatch(client, namespace, this::changed);
    queue.note(depth(), clock.instant());
  }

  private ClusterCourse(ClusterCourse whole, String classroom) {
    this.client = whole.client;
    this.namespace = whole.namespace;
    this.clock = whole.clock;
    this.activity = new Activity(clock);
    this.classroom = classroom;
    this.watch = whole.watch;
    this.queue = whole.queue;
    this.listeners = whole.listeners;
  }

  /**
   * One Classroom of this namespace, read from the same watch: its assignments, submissions, servers and grades, and
   * no other class's; closing it leaves the watch to this course.
   */
  public ClusterCourse classroom(String name) {
    return new ClusterCourse(this, name);
  }

  private boolean inScope(String classroomName) {
    return classroom == null || classroom.equals(classroomName);
  }

  private List<Assignment> assignments() {
    return watch.assignments().stream()
        .filter(a -> a.getSpec() != null && inScope(a.getSpec().classroom))
        .toList();
  }

  private List<Submission> submissions() {
    if (classroom == null) {
      return watch.submissions();
    }
    java.util.Set<String> names =
        assignments().stream()
            .map(a -> a.getMetadata().getName())
            .collect(java.util.stream.Collectors.toSet());
    return watch.submissions().stream()
        .filter(s -> s.getSpec() != null && names.contains(s.getSpec().assignment))
        .toList();
  }

  private void changed(Change change) {
    queue.note(depth(), clock.instant());
    listeners.forEach(listener -> listener.accept(change));
  }

  private int depth() {
    return (int)
        watch.submissions().stream()
            .filter(s -> s.getStatus() != null && s.getStatus().phase == SubmissionPhase.Queued)
            .count();
  }

  public QueueHistory queue() {
    return queue;
  }

  @Override
  public String describe() {
    return (classroom == null ? "" : "class " + classroom + " in ")
        + "namespace "
        + namespace
        + " of "
        + client.getMasterUrl().getHost();
  }

  @Override
  public boolean cluster() {
    return true;
  }

  @Override
  public List<ModuleGrades> grades() {
    List<Submission> submissions = submissions();
    List<StatefulSet> servers = watch.servers();
    return assignments().stream()
        .sorted(Comparator.comparing(a -> a.getMetadata().getName()))
        .map(
            a ->
                ClusterGrades.of(
                    a, submissions, ClusterGrades.roster(servers, a.getSpec().classroom)))
        .toList();
  }

  /** A student's latest Submission of an assignment when it Failed: why, by assignment and student. */
  @Override
  public Map<String, Map<String, String>> failures() {
    Map<String, Map<String, Submission>> latest = new HashMap<>();
    Comparator<Submission> newest =
        Comparator.comparing((Submission s) -> s.getMetadata().getCreationTimestamp())
            .thenComparing(s -> s.getMetadata().getName());
    for (Submission s : submissions()) {
      if (s.getSpec() != null && s.getStatus() != null && s.getStatus().phase != null) {
        latest
            .computeIfAbsent(s.getSpec().assignment, a -> new HashMap<>())
            .merge(s.getSpec().student, s, (a, b) -> newest.compare(a, b) >= 0 ? a : b);
      }
    }
    Map<String, Map<String, String>> failures = new HashMap<>();
    latest.forEach(
        (assignment, byStudent) ->
            byStudent.forEach(
                (student, s) -> {
                  if (s.getStatus().phase == SubmissionPhase.Failed) {
                    failures
                        .computeIfAbsent(assignment, a -> new HashMap<>())
                        .put(
                            student,
                            s.getStatus().failureClass
                                + (s.getStatus().message == null
                                    ? ""
                                    : ": " + s.getStatus().message));
                  }
                }));
    return failures;
  }

  @Override
  public ManualGrading grading() {
    return new CachedReviews();
  }

  /** {@link ClusterReviews}, whose cells of one student come from the watch rather than a list of the namespace. */
  private final class CachedReviews implements ManualGrading {
    private final ClusterReviews reviews = new ClusterReviews(client, namespace, clock);

    @Override
    public List<Cell> cells(String module, boolean withAnswers) {
      assignment(module);
      return reviews.cells(module, withAnswers);
    }

    @Override
    public List<Cell> cells(String module, String student, boolean withAnswers) {
      Optional<Submission> graded = latestGraded(module, student);
      if (graded.isEmpty()) {
        return List.of();
      }
      Review review =
          client
              .resources(Review.class)
              .inNamespace(namespace)
              .withName(Review.name(module, student))
              .get();
      return ClusterReviews.cells(
          graded.get(),
          assignment(module),
          review,
          withAnswers ? ClusterReviews.submitted(files(graded.get())) : Map.of());
    }

    @Override
    public Saved set(
        String module, dev.tito.notebook.review.GradeRequest request, String gradedBy, Seen seen) {
      // another class's Assignment is not found here, as on its pages
      assignment(module);
      return reviews.set(module, request, gradedBy, seen);
    }
  }

  private Assignment assignment(String name) {
    return assignments().stream()
        .filter(a -> a.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Assignment " + name + " not found in namespace " + namespace));
  }

  private Optional<Submission> latestGraded(String module, String student) {
    Assignment assignment = assignment(module);
    return ClusterGrades.latestGraded(submissions(), module, assignment.getSpec().classroom)
        .stream()
        .filter(s -> s.getSpec().student.equals(student))
        .findFirst();
  }

  private ConfigMap files(Submission submission) {
    return client
        .configMaps()
        .inNamespace(namespace)
        .withName(submission.getSpec().notebookConfigMap)
        .get();
  }

  @Override
  public Notebooks notebooks(String module, String student) {
    return new Notebooks(
        latestGraded(module, student).map(s -> ClusterReviews.submitted(files(s))).orElse(Map.of()),
        "as handed in; the hidden tests' source stays in the Assignment's source Secret, which an instructor's role "
            + "does not read (their results are beside each test)");
  }

  @Override
  public Optional<String> feedback(String module, String student, String notebook) {
    String classroom = assignment(module).getSpec().classroom;
    // the student's results ConfigMap, as the operator names it (StudentNames.results)
    ConfigMap results =
        client
            .configMaps()
            .inNamespace(namespace)
            .withName(classroom + "-" + student + "-results")
            .get();
    return Optional.ofNullable(
        results == null || results.getData() == null
            ? null
            : results.getData().get(module + ".html"));
  }

  @Override
  public String regrade(String module, String student) {
    if (student != null) {
      throw new IllegalArgumentException(
          "a cluster regrades a whole Assignment (spec.regrade): regrade " + module);
    }
    Assignment assignment = assignment(module);
    int round = (assignment.getSpec().regrade == null ? 0 : assignment.getSpec().regrade) + 1;
    client
        .resources(Assignment.class)
        .inNamespace(namespace)
        .withName(module)
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.JSON_MERGE)
                .withFieldManager(FIELD_MANAGER)
                .build(),
            "{\"spec\":{\"regrade\":" + round + "}}");
    activity.note("asked for regrade round " + round + " of " + module);
    return "regrade round "
        + round
        + " of "
        + module
        + " asked for: each student's latest submission is graded again";
  }

  @Override
  public boolean regradesOneStudent() {
    return false;
  }

  @Override
  public String start(String classroom, String student) {
    String name = classroom + "-" + student;
    StatefulSet server =
        watch.servers().stream()
            .filter(s -> inScope(classroom) && s.getMetadata().getName().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no server " + name + " in namespace " + namespace));
    if (server.getSpec().getReplicas() != null && server.getSpec().getReplicas() > 0) {
      return student + "'s server is already running";
    }
    client
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .withName(name)
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.JSON_MERGE)
                .withFieldManager(FIELD_MANAGER)
                .build(),
            "{\"metadata\":{\"annotations\":{\"tito.dev/start\":\"" + clock.instant() + "\"}}}");
    activity.note("asked to start " + student + "'s server in " + classroom);
    return "asked to start " + student + "'s server: the live view follows it";
  }

  @Override
  public Optional<LiveClass> live() {
    return Optional.of(
        LiveClass.of(
            watch.classrooms().stream().filter(c -> inScope(c.getMetadata().getName())).toList(),
            watch.servers(),
            watch.pods(),
            assignments(),
            submissions(),
            clock.instant()));
  }

  @Override
  public List<String> activity() {
    return activity.lines();
  }

  @Override
  public void onChange(java.util.function.Consumer<Change> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    if (classroom == null) {
      watch.close();
    }
  }
}
