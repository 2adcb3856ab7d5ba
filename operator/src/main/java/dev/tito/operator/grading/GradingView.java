package dev.tito.operator.grading;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.operator.classroom.ClassroomLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the informer caches show of grading: Assignments, Classrooms, Submissions, grading Jobs and their pods, and
 * the questions the reconciler and its event mappers ask of them (who waits, who is next, what is the latest).
 */
final class GradingView {
  private static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
  private static final String LEGACY_JOB_NAME_LABEL = "job-name";

  private final KubernetesClient client;
  private final Clock clock;
  private volatile InformerEventSource<Job, Submission> jobs;
  private volatile InformerEventSource<Pod, Submission> pods;
  private volatile InformerEventSource<Assignment, Submission> assignments;
  private volatile InformerEventSource<Classroom, Submission> classrooms;
  private volatile IndexerResourceCache<Submission> submissions;

  GradingView(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The caches, once the event sources exist (their mappers ask this view before it is attached: nothing then). */
  void attach(IndexerResourceCache<Submission> submissions, InformerEventSource<Job, Submission> jobs,
      InformerEventSource<Pod, Submission> pods, InformerEventSource<Assignment, Submission> assignments,
      InformerEventSource<Classroom, Submission> classrooms) {
    this.jobs = jobs;
    this.pods = pods;
    this.assignments = assignments;
    this.classrooms = classrooms;
    this.submissions = submissions;
  }

  Assignment assignment(String namespace, String name) {
    return assignments.get(new ResourceID(name, namespace)).orElse(null);
  }

  Classroom classroom(String namespace, String name) {
    return classrooms.get(new ResourceID(name, namespace)).orElse(null);
  }

  Job job(String namespace, String name) {
    return jobs.get(new ResourceID(name, namespace)).orElse(null);
  }

  /**
   * The latest pod of the Job (a Job with backoffLimit 0 has one, unless it was deleted and recreated). The pod and
   * Job informers watch separately: a Job seen finished before its pod is cached is looked up at the API server.
   */
  Pod podOf(Job job) {
    String name = job.getMetadata().getName();
    String namespace = job.getMetadata().getNamespace();
    Comparator<Pod> byAge = Comparator.comparing((Pod pod) -> String.valueOf(pod.getMetadata().getCreationTimestamp()));
    Optional<Pod> cached = pods.list(namespace, pod -> name.equals(label(pod, JOB_NAME_LABEL))
        || name.equals(label(pod, LEGACY_JOB_NAME_LABEL))).max(byAge);
    if (cached.isPresent() || !finished(job)) {
      return cached.orElse(null);
    }
    return Stream.of(JOB_NAME_LABEL, LEGACY_JOB_NAME_LABEL)
        .flatMap(key -> client.pods().inNamespace(namespace).withLabel(key, name).list().getItems().stream())
        .max(byAge).orElse(null);
  }

  Map<String, Job> classJobs(String namespace, String classroom) {
    return jobs.list(namespace, job -> classroom.equals(label(job, ClassroomLabels.CLASSROOM)))
        .collect(Collectors.toMap(job -> job.getMetadata().getName(), job -> job, (a, b) -> a));
  }

  /** Whether another round of grading is due: the Assignment's regrade is past it and it is the student's latest. */
  boolean regradeDue(Submission submission, Assignment assignment) {
    if (assignment == null || assignment.getSpec().regrade == null) {
      return false;
    }
    int graded = submission.getStatus().gradedRound == null ? 0 : submission.getStatus().gradedRound;
    return assignment.getSpec().regrade > graded && latestOf(submission).equals(submission.getMetadata().getName());
  }

  private String latestOf(Submission submission) {
    return submissions.list(submission.getMetadata().getNamespace(),
            s -> s.getSpec().assignment.equals(submission.getSpec().assignment) && s.getSpec().student.equals(submission.getSpec().student))
        .map(GradingView::waitingEntry).max(GradingQueue.Waiting.ORDER).map(GradingQueue.Waiting::name)
        .orElse(submission.getMetadata().getName());
  }

  /** Submissions of the class that need a grading Job now, as the informer caches show them. */
  List<GradingQueue.Waiting> waiting(String namespace, String classroom) {
    Instant now = clock.instant();
    Set<String> active = jobs.list(namespace, job -> classroom.equals(label(job, ClassroomLabels.CLASSROOM)) && !finished(job))
        .map(job -> label(job, GradingJob.SUBMISSION)).collect(Collectors.toSet());
    return submissions.list(namespace).filter(s -> !active.contains(s.getMetadata().getName()))
        .filter(s -> {
          Assignment assignment = assignments.get(new ResourceID(s.getSpec().assignment, namespace)).orElse(null);
          return assignment != null && classroom.equals(assignment.getSpec().classroom) && needsJob(s, assignment, now);
        })
        .map(GradingView::waitingEntry).toList();
  }

  private boolean needsJob(Submission submission, Assignment assignment, Instant now) {
    SubmissionStatus status = submission.getStatus();
    if (status == null || status.phase == null) {
      return true;
    }
    return switch (status.phase) {
      // one waiting for its Assignment's release (no position) must not hold a place ahead of gradable work
      case Queued -> status.failureClass != null ? status.queuedAt == null || !Instant.parse(status.queuedAt).isAfter(now)
          : status.jobName == null && status.queuePosition != null;
      case Grading -> false;
      case Graded, Failed -> regradeDue(submission, assignment);
    };
  }

  Set<ResourceID> queueHeads(String namespace, String classroom) {
    Classroom cached = classrooms == null ? null : classroom(namespace, classroom);
    if (cached == null || submissions == null) {
      return Set.of();
    }
    Integer max = GradingJob.settings(cached).maxConcurrent;
    return GradingQueue.heads(waiting(namespace, classroom), max == null ? 20 : max).stream()
        .map(name -> new ResourceID(name, namespace)).collect(Collectors.toSet());
  }

  /** An Assignment's change reaches each student's latest submission (a regrade) and those still waiting. */
  Set<ResourceID> ofAssignment(Assignment assignment) {
    if (submissions == null) {
      return Set.of();
    }
    String namespace = assignment.getMetadata().getNamespace();
    String name = assignment.getMetadata().getName();
    Map<String, List<Submission>> byStudent = submissions.list(namespace, s -> name.equals(s.getSpec().assignment))
        .collect(Collectors.groupingBy(s -> s.getSpec().student));
    return byStudent.values().stream().flatMap(list -> {
      Submission latest = list.stream().max(Comparator.comparing(GradingView::waitingEntry, GradingQueue.Waiting.ORDER)).orElseThrow();
      return Stream.concat(Stream.of(latest), list.stream().filter(s -> s.getStatus() == null
          || s.getStatus().phase == SubmissionPhase.Queued));
    }).map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  static GradingQueue.Waiting waitingEntry(Submission submission) {
    return new GradingQueue.Waiting(submission.getMetadata().getName(), submission.getMetadata().getCreationTimestamp());
  }

  static Set<ResourceID> bySubmissionLabel(HasMetadata object) {
    String submission = label(object, GradingJob.SUBMISSION);
    return submission == null ? Set.of() : Set.of(new ResourceID(submission, object.getMetadata().getNamespace()));
  }

  static boolean finished(Job job) {
    return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
        .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
  }

  static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
