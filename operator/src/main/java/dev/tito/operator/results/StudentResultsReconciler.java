package dev.tito.operator.results;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.operator.classroom.ChildWriter;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.classroom.StudentNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each student's results ConfigMap in step with their Submissions: a second controller on Submissions, apart
 * from grading, that only reads them. Status changes (queue position, phase, score) and deletions trigger it, so
 * the student sees a deleted submission's predecessor again.
 */
@ControllerConfiguration(name = "student-results", generationAwareEventProcessing = false, triggerReconcilerOnAllEvents = true)
public class StudentResultsReconciler implements Reconciler<Submission> {
  static final String BY_STUDENT = "classroom-student";
  static final String FEEDBACK_KEY = "feedback.html";
  /** The grading controller sets feedbackConfigMap when it has written it; a lagging cache is asked again soon. */
  private static final Duration FEEDBACK_NOT_YET_VISIBLE = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final ChildWriter writer;

  public StudentResultsReconciler(KubernetesClient client, ChildWriter writer) {
    this.client = client;
    this.writer = writer;
  }

  @Override
  public List<EventSource<?, Submission>> prepareEventSources(EventSourceContext<Submission> context) {
    context.getPrimaryCache().addIndexer(BY_STUDENT, s -> {
      String classroom = classroomOf(s);
      return classroom == null ? List.of() : List.of(studentKey(s.getMetadata().getNamespace(), classroom, s.getSpec().student));
    });
    return List.of();
  }

  @Override
  public UpdateControl<Submission> reconcile(Submission submission, Context<Submission> context) {
    String classroomName = classroomOf(submission);
    String namespace = submission.getMetadata().getNamespace();
    if (classroomName == null || submission.getSpec() == null || submission.getSpec().student == null) {
      return UpdateControl.noUpdate();
    }
    String student = submission.getSpec().student;
    Classroom classroom = client.resources(Classroom.class).inNamespace(namespace).withName(classroomName).get();
    // only students the Classroom provisioned: a results ConfigMap of anyone else would be removed as a leaver's
    if (classroom == null || StudentNames.problem(classroom, student) != null || client.serviceAccounts().inNamespace(namespace)
        .withName(StudentNames.serviceAccount(classroom, student)).get() == null) {
      return UpdateControl.noUpdate();
    }
    List<Submission> theirs = context.getPrimaryCache().byIndex(BY_STUDENT, studentKey(namespace, classroomName, student))
        .stream()
        .filter(s -> !(context.isPrimaryResourceDeleted() && s.getMetadata().getUid().equals(submission.getMetadata().getUid())))
        .toList();
    ConfigMap current = client.configMaps().inNamespace(namespace).withName(StudentNames.results(classroom, student)).get();
    Map<String, String> currentData = current == null || current.getData() == null ? Map.of() : current.getData();
    Map<String, String> summaries = new LinkedHashMap<>();
    Map<String, String> feedback = new LinkedHashMap<>();
    boolean feedbackMissing = false;
    for (Map.Entry<String, Submission> latest : StudentResults.latestByAssignment(theirs).entrySet()) {
      String assignment = latest.getKey();
      String summary = StudentResults.summaryJson(latest.getValue());
      summaries.put(assignment, summary);
      String feedbackConfigMap = latest.getValue().getStatus() == null ? null : latest.getValue().getStatus().feedbackConfigMap;
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
        feedback.put(assignment, StudentResults.withPersonsGrades(page.getData().get(FEEDBACK_KEY), latest.getValue()));
      }
    }
    ChildWriter.Batch writes = writer.batch();
    writes.apply(StudentResults.desired(classroom, student, summaries, feedback), current);
    List<String> failures = writes.await();
    if (!failures.isEmpty()) {
      throw new IllegalStateException(String.join("; ", failures));
    }
    return feedbackMissing ? UpdateControl.<Submission>noUpdate().rescheduleAfter(FEEDBACK_NOT_YET_VISIBLE) : UpdateControl.noUpdate();
  }

  private static String classroomOf(Submission submission) {
    Map<String, String> labels = submission.getMetadata().getLabels();
    return labels == null ? null : labels.get(ClassroomLabels.CLASSROOM);
  }

  private static String studentKey(String namespace, String classroom, String student) {
    return namespace + "/" + classroom + "/" + student;
  }
}
