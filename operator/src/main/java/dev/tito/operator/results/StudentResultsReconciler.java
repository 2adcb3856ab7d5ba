package dev.tito.operator.results;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.operator.cache.CompareOnlyStore;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.classroom.StudentNames;
import dev.tito.operator.classroom.StudentServiceAccount;
import dev.tito.operator.cluster.ChildWriter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps each student's results ConfigMap in step with their Submissions: a second controller on Submissions, apart
 * from grading, that only reads them. Status changes (queue position, phase, score) and deletions trigger it, so
 * the student sees a deleted submission's predecessor again. It reads the Classroom, the student's account and
 * results from informers: an event that changes nothing the student sees costs no request; one that does reads the
 * results ConfigMap (for the pages it keeps) and the changed submission's feedback page, then writes once.
 */
@ControllerConfiguration(
    name = "student-results",
    generationAwareEventProcessing = false,
    triggerReconcilerOnAllEvents = true)
public class StudentResultsReconciler implements Reconciler<Submission> {
  static final String BY_STUDENT = "classroom-student";
  static final String FEEDBACK_KEY = "feedback.html";

  /** The grading controller sets feedbackConfigMap when it has written it; a lagging cache is asked again soon. */
  private static final Duration FEEDBACK_NOT_YET_VISIBLE = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final ChildWriter writer;
  private volatile InformerEventSource<Classroom, Submission> classrooms;
  private volatile InformerEventSource<ServiceAccount, Submission> accounts;
  private volatile InformerEventSource<ConfigMap, Submission> results;

  public StudentResultsReconciler(KubernetesClient client, ChildWriter writer) {
    this.client = client;
    this.writer = writer;
  }

  @Override
  public List<EventSource<?, Submission>> prepareEventSources(
      EventSourceContext<Submission> context) {
    IndexerResourceCache<Submission> submissions = context.getPrimaryCache();
    submissions.addIndexer(
        BY_STUDENT,
        s -> {
          String classroom = classroomOf(s);
          return classroom == null
              ? List.of()
              : List.of(studentKey(s.getMetadata().getNamespace(), classroom, s.getSpec().student));
        });
    // read only: a Classroom's change reaches its students' results through the ClassroomReconciler
    classrooms =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Classroom.class, Submission.class)
                .withName("results-classrooms")
                .withSecondaryToPrimaryMapper(classroom -> Set.of())
                .withOnAddFilter(c -> false)
                .withOnUpdateFilter((now, before) -> false)
                .withOnDeleteFilter((c, unknown) -> false)
                .build(),
            context);
    // a student's account appearing lets their results be written; their results deleted are
    // written again
    accounts =
        studentChildren(
            ServiceAccount.class,
            StudentServiceAccount.COMPONENT,
            new CompareOnlyStore<>(),
            true,
            submissions,
            context);
    results =
        studentChildren(
            ConfigMap.class,
            ClassroomLabels.RESULTS_COMPONENT,
            new CompareOnlyStore<>(StudentResults::trimmed),
            false,
            submissions,
            context);
    return List.of(classrooms, accounts, results);
  }

  /** The operator's per-student objects of one component, mapped to that student's Submissions. */
  private static <R extends HasMetadata> InformerEventSource<R, Submission> studentChildren(
      Class<R> kind,
      String component,
      CompareOnlyStore<R> store,
      boolean onAdd,
      IndexerResourceCache<Submission> submissions,
      EventSourceContext<Submission> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, Submission.class)
            .withName("results-" + kind.getSimpleName())
            .withLabelSelector(
                ClassroomLabels.SELECTOR + "," + ClassroomLabels.COMPONENT + "=" + component)
            .withItemStore(store)
            .withOnAddFilter(child -> onAdd)
            .withOnUpdateFilter((now, before) -> false)
            .withSecondaryToPrimaryMapper(
                child -> {
                  Map<String, String> labels = child.getMetadata().getLabels();
                  return submissions
                      .byIndex(
                          BY_STUDENT,
                          studentKey(
                              child.getMetadata().getNamespace(),
                              labels.get(ClassroomLabels.CLASSROOM),
                              labels.get(ClassroomLabels.STUDENT)))
                      .stream()
                      .map(ResourceID::fromResource)
                      .collect(Collectors.toSet());
                })
            .build(),
        context);
  }

  @Override
  public UpdateControl<Submission> reconcile(Submission submission, Context<Submission> context) {
    String classroomName = classroomOf(submission);
    String namespace = submission.getMetadata().getNamespace();
    if (classroomName == null
        || submission.getSpec() == null
        || submission.getSpec().student == null) {
      return UpdateControl.noUpdate();
    }
    String student = submission.getSpec().student;
    Classroom classroom = classrooms.get(new ResourceID(classroomName, namespace)).orElse(null);
    // only students the Classroom provisioned: a results ConfigMap of anyone else would be removed
    // as a leaver's
    if (classroom == null
        || StudentNames.problem(classroom, student) != null
        || accounts
            .get(new ResourceID(StudentNames.serviceAccount(classroom, student), namespace))
            .isEmpty()) {
      return UpdateControl.noUpdate();
    }
    List<Submission> theirs =
        context
            .getPrimaryCache()
            .byIndex(BY_STUDENT, studentKey(namespace, classroomName, student))
            .stream()
            .filter(
                s ->
                    !(context.isPrimaryResourceDeleted()
                        && s.getMetadata().getUid().equals(submission.getMetadata().getUid())))
            .toList();
    Map<String, Submission> latest = StudentResults.latestByAssignment(theirs);
    Map<String, String> summaries = new LinkedHashMap<>();
    latest.forEach(
        (assignment, newest) -> summaries.put(assignment, StudentResults.summaryJson(newest)));
    String name = StudentNames.results(classroom, student);
    if (StudentResults.shows(
        results.get(new ResourceID(name, namespace)).orElse(null), summaries, latest)) {
      return UpdateControl.noUpdate();
    }
    return write(
        classroom,
        student,
        latest,
        summaries,
        client.configMaps().inNamespace(namespace).withName(name).get());
  }

  /** Writes the student's results, reading the feedback pages of the summaries that changed; current as read now. */
  private UpdateControl<Submission> write(
      Classroom classroom,
      String student,
      Map<String, Submission> latest,
      Map<String, String> summaries,
      ConfigMap current) {
    String namespace = classroom.getMetadata().getNamespace();
    Map<String, String> currentData =
        current == null || current.getData() == null ? Map.of() : current.getData();
    Map<String, String> feedback = new LinkedHashMap<>();
    boolean feedbackMissing = false;
    for (Map.Entry<String, Submission> newest : latest.entrySet()) {
      String assignment = newest.getKey();
      String summary = summaries.get(assignment);
      String feedbackConfigMap =
          newest.getValue().getStatus() == null
              ? null
              : newest.getValue().getStatus().feedbackConfigMap;
      if (feedbackConfigMap == null) {
        continue;
      }
      // an unchanged summary keeps its page: no read of every feedback ConfigMap on each event
      String known = currentData.get(StudentResults.feedbackKey(assignment));
      if (known != null && summary.equals(currentData.get(StudentResults.summaryKey(assignment)))) {
        feedback.put(assignment, known);
        continue;
      }
      ConfigMap page = client.configMaps().inNamespace(namespace).withName(feedbackConfigMap).get();
      if (page == null || page.getData() == null || !page.getData().containsKey(FEEDBACK_KEY)) {
        feedbackMissing = true;
      } else {
        feedback.put(
            assignment,
            StudentResults.withPersonsGrades(page.getData().get(FEEDBACK_KEY), newest.getValue()));
      }
    }
    ChildWriter.Batch writes = writer.batch();
    writes.apply(StudentResults.desired(classroom, student, summaries, feedback), current);
    List<String> failures = writes.await();
    if (!failures.isEmpty()) {
      throw new IllegalStateException(String.join("; ", failures));
    }
    return feedbackMissing
        ? UpdateControl.<Submission>noUpdate().rescheduleAfter(FEEDBACK_NOT_YET_VISIBLE)
        : UpdateControl.noUpdate();
  }

  private static String classroomOf(Submission submission) {
    Map<String, String> labels = submission.getMetadata().getLabels();
    return labels == null ? null : labels.get(ClassroomLabels.CLASSROOM);
  }

  private static String studentKey(String namespace, String classroom, String student) {
    return namespace + "/" + classroom + "/" + student;
  }
}
