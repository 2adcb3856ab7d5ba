package dev.tito.operator.assignment;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.operator.cache.CompareOnlyStore;
import dev.tito.operator.classroom.ClassroomLabels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caches an Assignment is reconciled from, each event mapped to the Assignments it concerns: its release objects
 * and ledger and its delivery Jobs (by label), its Submissions (by {@code spec.assignment}), its Classroom (by
 * {@code spec.classroom}), and the students' running server pods, looked up by student (they trigger nothing).
 */
final class AssignmentInformers {
  private static final String BY_CLASSROOM = "classroom";
  private static final String BY_STUDENT = "student";
  private static final String SERVER_PODS =
      ClassroomLabels.SELECTOR
          + ","
          + ClassroomLabels.COMPONENT
          + "="
          + ClassroomLabels.SERVER_COMPONENT;

  private InformerEventSource<ConfigMap, Assignment> configMaps;
  private InformerEventSource<Job, Assignment> jobs;
  private InformerEventSource<Pod, Assignment> servers;

  List<EventSource<?, Assignment>> prepare(EventSourceContext<Assignment> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            BY_CLASSROOM,
            assignment ->
                List.of(
                    key(assignment.getMetadata().getNamespace(), assignment.getSpec().classroom)));
    configMaps = byAssignmentLabel(ConfigMap.class, ReleaseObjects.SELECTOR, context);
    jobs = byAssignmentLabel(Job.class, DeliveryJob.SELECTOR, context);
    InformerEventSource<Secret, Assignment> gradebooks =
        byAssignmentLabel(Secret.class, ReleaseObjects.SELECTOR, context);
    InformerEventSource<Submission, Assignment> submissions = submissionEvents(context);
    InformerEventSource<Classroom, Assignment> classrooms = classroomEvents(context);
    servers = serverPods(context);
    return List.of(configMaps, gradebooks, jobs, submissions, classrooms, servers);
  }

  /** A Submission wakes its Assignment: the counts it sums up. */
  private static InformerEventSource<Submission, Assignment> submissionEvents(
      EventSourceContext<Assignment> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Submission.class, Assignment.class)
            .withSecondaryToPrimaryMapper(
                s ->
                    s.getSpec() == null || s.getSpec().assignment == null
                        ? Set.of()
                        : Set.of(
                            new ResourceID(s.getSpec().assignment, s.getMetadata().getNamespace())))
            .build(),
        context);
  }

  /** A Classroom wakes every Assignment of that class. */
  private static InformerEventSource<Classroom, Assignment> classroomEvents(
      EventSourceContext<Assignment> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Classroom.class, Assignment.class)
            .withSecondaryToPrimaryMapper(
                classroom ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            BY_CLASSROOM,
                            key(
                                classroom.getMetadata().getNamespace(),
                                classroom.getMetadata().getName()))
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            // an Assignment created after its Classroom finds it by name
            .withPrimaryToSecondaryMapper(
                (Assignment a) ->
                    Set.of(new ResourceID(a.getSpec().classroom, a.getMetadata().getNamespace())))
            .build(),
        context);
  }

  /** The students' server pods by student: a delivery Job runs beside a running server (its home is attached there). */
  private static InformerEventSource<Pod, Assignment> serverPods(
      EventSourceContext<Assignment> context) {
    InformerEventSource<Pod, Assignment> pods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, Assignment.class)
                .withLabelSelector(SERVER_PODS)
                // 10,000 students are 10,000 pods: only their node and phase are read
                .withItemStore(new CompareOnlyStore<>())
                .withSecondaryToPrimaryMapper(pod -> Set.of())
                .build(),
            context);
    pods.addIndexers(
        Map.of(
            BY_STUDENT,
            pod ->
                List.of(
                    key(
                        pod.getMetadata().getNamespace(),
                        label(pod, ClassroomLabels.CLASSROOM)
                            + "/"
                            + label(pod, ClassroomLabels.STUDENT)))));
    return pods;
  }

  /** Whether the student's server pod is on a node and not finished: its home volume is attached there. */
  boolean serverRunning(String namespace, String classroom, String student) {
    return servers.byIndex(BY_STUDENT, key(namespace, classroom + "/" + student)).stream()
        .anyMatch(
            pod ->
                pod.getMetadata().getDeletionTimestamp() == null
                    && pod.getSpec().getNodeName() != null
                    && pod.getStatus() != null
                    && !"Succeeded".equals(pod.getStatus().getPhase())
                    && !"Failed".equals(pod.getStatus().getPhase()));
  }

  /** Lets the next reconcile see a ConfigMap this one wrote, before its watch event arrives. */
  void wrote(Assignment assignment, ConfigMap written, ConfigMap previous) {
    if (previous == null) {
      configMaps.handleRecentResourceCreate(ResourceID.fromResource(assignment), written);
    } else {
      configMaps.handleRecentResourceUpdate(ResourceID.fromResource(assignment), written, previous);
    }
  }

  /** Lets the next reconcile count a Job this one created. */
  void created(Assignment assignment, Job job) {
    jobs.handleRecentResourceCreate(ResourceID.fromResource(assignment), job);
  }

  private static <R extends HasMetadata> InformerEventSource<R, Assignment> byAssignmentLabel(
      Class<R> kind, String selector, EventSourceContext<Assignment> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, Assignment.class)
            .withName(kind.getSimpleName())
            .withLabelSelector(selector)
            .withSecondaryToPrimaryMapper(
                object ->
                    Set.of(
                        new ResourceID(
                            label(object, ReleaseObjects.ASSIGNMENT),
                            object.getMetadata().getNamespace())))
            .build(),
        context);
  }

  private static String label(HasMetadata object, String key) {
    return object.getMetadata().getLabels() == null
        ? ""
        : object.getMetadata().getLabels().getOrDefault(key, "");
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
