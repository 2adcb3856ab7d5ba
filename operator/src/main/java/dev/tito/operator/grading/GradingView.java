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
import java.util.function.Predicate;
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

  /** Queued with a position the student sees: one that moves when a submission ahead takes a slot. */
  boolean showsPosition(ResourceID id) {
    Submission cached = submissions == null ? null : submissions.get(id).orElse(null);
    return cached != null && cached.getStatus() != null && cached.getStatus().phase == SubmissionPhase.Queued
        && cached.getStatus().queuePosition != null;
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
    return roundBehind(submission, assignment) && latest(submission.getMetadata().getNamespace(),
        s -> sameWork(s, submission)).contains(submission.getMetadata().getName());
  }

  /** The Assignment's regrade is past the round this submission was last graded for. */
  private static boolean roundBehind(Submission submission, Assignment assignment) {
    if (assignment == null || assignment.getSpec().regrade == null) {
      return false;
    }
    Integer graded = submission.getStatus() == null ? null : submission.getStatus().gradedRound;
    return assignment.getSpec().regrade > (graded == null ? 0 : graded);
  }

  private static boolean sameWork(Submission a, Submission b) {
    return a.getSpec().assignment.equals(b.getSpec().assignment) && a.getSpec().student.equals(b.getSpec().student);
  }

  /** Names of the latest submission per (assignment, student) among those matching, in one pass over the cache. */
  private Set<String> latest(String namespace, Predicate<Submission> which) {
    return submissions.list(namespace, which)
        .collect(Collectors.toMap(s -> s.getSpec().assignment + "/" + s.getSpec().student, GradingView::waitingEntry,
            (a, b) -> GradingQueue.Waiting.ORDER.compare(a, b) >= 0 ? a : b))
        .values().stream().map(GradingQueue.Waiting::name).collect(Collectors.toSet());
  }

  /** Submissions of the class that need a grading Job now, as the informer caches show them. */
  List<GradingQueue.Waiting> waiting(String namespace, String classroom) {
    Instant now = clock.instant();
    Set<String> active = jobs.list(namespace, job -> classroom.equals(label(job, ClassroomLabels.CLASSROOM)) && !finished(job))
        .map(job -> label(job, GradingJob.SUBMISSION)).collect(Collectors.toSet());
    Set<String> latest = latest(namespace, s -> true);
    return submissions.list(namespace).filter(s -> !active.contains(s.getMetadata().getName()))
        .filter(s -> {
          Assignment assignment = assignment(namespace, s.getSpec().assignment);
          return assignment != null && classroom.equals(assignment.getSpec().classroom)
              && needsJob(s, assignment, latest.contains(s.getMetadata().getName()), now);
        })
        .map(GradingView::waitingEntry).toList();
  }

  private static boolean needsJob(Submission submission, Assignment assignment, boolean latest, Instant now) {
    SubmissionStatus status = submission.getStatus();
    if (status == null || status.phase == null) {
      return true;
    }
    return switch (status.phase) {
      // one waiting for its Assignment's release (no position) must not hold a place ahead of gradable work
      case Queued -> status.failureClass != null ? status.queuedAt == null || !Instant.parse(status.queuedAt).isAfter(now)
          : status.jobName == null && status.queuePosition != null;
      case Grading -> false;
      case Graded, Failed -> latest && roundBehind(submission, assignment);
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
