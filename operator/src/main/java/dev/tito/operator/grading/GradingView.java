package dev.tito.operator.grading;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.review.Review;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.cluster.Jobs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the informer caches show of grading: Assignments, Classrooms, Submissions, grading Jobs and their pods, and
 * the questions the reconciler and its event mappers ask of them (who waits, who is next, what is the latest).
 * Those questions are answered from indexes the informers keep up to date on every event, so one reconcile reads the
 * submissions that wait, not the whole class: a burst of N submissions costs N reconciles, not N squared.
 */
final class GradingView {
  private static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
  private static final String LEGACY_JOB_NAME_LABEL = "job-name";

  /** Submissions that may need a Job, by namespace/assignment (the time of a retry's backoff is checked on reading). */
  private static final String WAITING = "grading-waiting";

  /** Graded or failed submissions, by namespace/assignment/round: those a regrade reaches. */
  private static final String SETTLED = "grading-settled";

  /** Queued submissions that show a position, by namespace/assignment: they move when a slot frees. */
  private static final String POSITIONED = "grading-positioned";

  /** Every submission by namespace/assignment/student: which one is the student's latest. */
  private static final String WORK = "grading-work";

  /** Grading Jobs not finished, by namespace/classroom: the slots taken. */
  private static final String RUNNING_IN_CLASS = "running-in-class";

  /** Grading Jobs not finished, by namespace/submission: one whose status has not caught up is not waiting. */
  private static final String RUNNING_FOR = "running-for";

  /** Grading pods by namespace/Job. */
  private static final String POD_OF_JOB = "pod-of-job";

  private final KubernetesClient client;
  private final Clock clock;
  private final RecentQueueOrder recentOrder;
  private volatile InformerEventSource<Job, Submission> jobs;
  private volatile InformerEventSource<Pod, Submission> pods;
  private volatile InformerEventSource<Assignment, Submission> assignments;
  private volatile InformerEventSource<Classroom, Submission> classrooms;
  private volatile IndexerResourceCache<Submission> submissions;
  private volatile InformerEventSource<Review, Submission> reviews;

  GradingView(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.recentOrder = new RecentQueueOrder(clock, Duration.ofSeconds(1));
  }

  /** Adds the indexes this view reads to the caches; before they start. */
  static void index(
      IndexerResourceCache<Submission> submissions,
      InformerEventSource<Job, Submission> jobs,
      InformerEventSource<Pod, Submission> pods) {
    pods.addIndexers(
        Map.of(
            POD_OF_JOB,
            pod ->
                Stream.of(label(pod, JOB_NAME_LABEL), label(pod, LEGACY_JOB_NAME_LABEL))
                    .filter(Objects::nonNull)
                    .distinct()
                    .map(job -> pod.getMetadata().getNamespace() + "/" + job)
                    .toList()));
    submissions.addIndexer(
        WAITING,
        s -> s.getSpec() != null && waitsForJob(s.getStatus()) ? List.of(work(s)) : List.of());
    submissions.addIndexer(
        SETTLED,
        s ->
            s.getSpec() != null && settled(s.getStatus())
                ? List.of(work(s) + "/" + round(s.getStatus()))
                : List.of());
    submissions.addIndexer(
        POSITIONED,
        s -> s.getSpec() != null && positioned(s.getStatus()) ? List.of(work(s)) : List.of());
    submissions.addIndexer(
        WORK, s -> s.getSpec() != null ? List.of(work(s) + "/" + s.getSpec().student) : List.of());
    jobs.addIndexers(
        Map.of(
            RUNNING_IN_CLASS,
                job ->
                    Jobs.finished(job) || label(job, ClassroomLabels.CLASSROOM) == null
                        ? List.of()
                        : List.of(
                            job.getMetadata().getNamespace()
                                + "/"
                                + label(job, ClassroomLabels.CLASSROOM)),
            RUNNING_FOR,
                job ->
                    Jobs.finished(job) || label(job, GradingJob.SUBMISSION) == null
                        ? List.of()
                        : List.of(
                            job.getMetadata().getNamespace()
                                + "/"
                                + label(job, GradingJob.SUBMISSION))));
  }

  /** The caches, once the event sources exist (their mappers ask this view before it is attached: nothing then). */
  void attach(
      IndexerResourceCache<Submission> submissions,
      InformerEventSource<Job, Submission> jobs,
      InformerEventSource<Pod, Submission> pods,
      InformerEventSource<Assignment, Submission> assignments,
      InformerEventSource<Classroom, Submission> classrooms,
      InformerEventSource<Review, Submission> reviews) {
    this.reviews = reviews;
    this.jobs = jobs;
    this.pods = pods;
    this.assignments = assignments;
    this.classrooms = classrooms;
    this.submissions = submissions;
  }

  Assignment assignment(String namespace, String name) {
    return assignments.get(new ResourceID(name, namespace)).orElse(null);
  }

  /** A student's Review of an assignment, or null. */
  Review review(String namespace, String assignment, String student) {
    return reviews.get(new ResourceID(Review.name(assignment, student), namespace)).orElse(null);
  }

  /** A Submission as the cache holds it, or null. */
  Submission submission(String namespace, String name) {
    return submissions == null
        ? null
        : submissions.get(new ResourceID(name, namespace)).orElse(null);
  }

  /** A Review's change reaches every Submission of its student and assignment: each counts the grades it can. */
  Set<ResourceID> ofReview(Review review) {
    if (submissions == null || review.getSpec() == null) {
      return Set.of();
    }
    return submissions
        .byIndex(
            WORK,
            review.getMetadata().getNamespace()
                + "/"
                + review.getSpec().assignment
                + "/"
                + review.getSpec().student)
        .stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  Classroom classroom(String namespace, String name) {
    return classrooms.get(new ResourceID(name, namespace)).orElse(null);
  }

  /** Queued with a position the student sees: one that moves when a submission ahead takes a slot. */
  boolean showsPosition(ResourceID id) {
    Submission cached = submissions == null ? null : submissions.get(id).orElse(null);
    return cached != null && positioned(cached.getStatus());
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
    Comparator<Pod> byAge =
        Comparator.comparing((Pod pod) -> String.valueOf(pod.getMetadata().getCreationTimestamp()));
    Optional<Pod> cached = pods.byIndex(POD_OF_JOB, namespace + "/" + name).stream().max(byAge);
    if (cached.isPresent() || !Jobs.finished(job)) {
      return cached.orElse(null);
    }
    return Stream.of(JOB_NAME_LABEL, LEGACY_JOB_NAME_LABEL)
        .flatMap(
            key ->
                client
                    .pods()
                    .inNamespace(namespace)
                    .withLabel(key, name)
                    .list()
                    .getItems()
                    .stream())
        .max(byAge)
        .orElse(null);
  }

  /** Grading Jobs of the class not finished, as the cache shows them. */
  private int runningJobs(String namespace, String classroom) {
    return jobs.byIndex(RUNNING_IN_CLASS, namespace + "/" + classroom).size();
  }

  /** Whether the cache shows the Job (finished or not). */
  boolean cached(String namespace, String job) {
    return job(namespace, job) != null;
  }

  /** Whether this is the student's latest submission of the assignment: a regrade reaches only that one. */
  boolean isLatest(Submission submission) {
    String student = work(submission) + "/" + submission.getSpec().student;
    return submissions.byIndex(WORK, student).stream()
        .map(GradingView::waitingEntry)
        .max(GradingQueue.Waiting.ORDER)
        .map(latest -> latest.name().equals(submission.getMetadata().getName()))
        .orElse(true);
  }

  /** The class's waiting submissions: read now for an admission, or from a recent ordered copy for a place. */
  GradingQueue.Waiters waiters(String namespace, String classroom) {
    String key = namespace + "/" + classroom;
    return new GradingQueue.Waiters() {
      @Override
      public Collection<GradingQueue.Waiting> now() {
        return waiting(namespace, classroom);
      }

      @Override
      public boolean hasRunningJob(GradingQueue.Waiting waiting) {
        return GradingView.this.hasRunningJob(namespace, waiting.name());
      }

      @Override
      public int running() {
        return runningJobs(namespace, classroom);
      }

      @Override
      public int recentlyAhead(GradingQueue.Waiting candidate) {
        return recentOrder.ahead(key, candidate, this::now);
      }

      @Override
      public int recentCount() {
        return recentOrder.count(key, this::now);
      }

      @Override
      public void slotTaken() {
        recentOrder.forget(key);
      }
    };
  }

  /** Submissions of the class that need a grading Job now by their status (see {@link GradingQueue.Waiters#now}). */
  List<GradingQueue.Waiting> waiting(String namespace, String classroom) {
    Instant now = clock.instant();
    List<GradingQueue.Waiting> waiting = new ArrayList<>();
    for (Assignment assignment : assignmentsOf(namespace, classroom)) {
      String work = namespace + "/" + assignment.getMetadata().getName();
      for (Submission submission : submissions.byIndex(WAITING, work)) {
        if (backoffOver(submission.getStatus(), now)) {
          waiting.add(waitingEntry(submission));
        }
      }
      Integer regrade = assignment.getSpec().regrade;
      for (int round = 0; regrade != null && round < regrade; round++) {
        for (Submission submission : submissions.byIndex(SETTLED, work + "/" + round)) {
          if (isLatest(submission)) {
            waiting.add(waitingEntry(submission));
          }
        }
      }
    }
    return waiting;
  }

  /** Whether the cache shows a running grading Job of the submission. */
  boolean hasRunningJob(String namespace, String submission) {
    return !jobs.byIndex(RUNNING_FOR, namespace + "/" + submission).isEmpty();
  }

  private List<Assignment> assignmentsOf(String namespace, String classroom) {
    return assignments
        .list(namespace, a -> a.getSpec() != null && classroom.equals(a.getSpec().classroom))
        .toList();
  }

  /**
   * Whether the status leaves the submission waiting for a Job: new, or queued with a position, or queued for a retry.
   * One waiting for its Assignment's release (no position) must not hold a place ahead of gradable work.
   */
  private static boolean waitsForJob(SubmissionStatus status) {
    if (status == null || status.phase == null) {
      return true;
    }
    return status.phase == SubmissionPhase.Queued
        && (status.failureClass != null || status.jobName == null && status.queuePosition != null);
  }

  /** A retry waits out its backoff before it takes a place in the queue. */
  private static boolean backoffOver(SubmissionStatus status, Instant now) {
    Instant retryAt = SubmissionDecision.retryAt(status);
    return retryAt == null || !retryAt.isAfter(now);
  }

  private static boolean settled(SubmissionStatus status) {
    return status != null
        && (status.phase == SubmissionPhase.Graded || status.phase == SubmissionPhase.Failed);
  }

  private static boolean positioned(SubmissionStatus status) {
    return status != null && status.phase == SubmissionPhase.Queued && status.queuePosition != null;
  }

  private static int round(SubmissionStatus status) {
    return status == null || status.gradedRound == null ? 0 : status.gradedRound;
  }

  private static String work(Submission submission) {
    return submission.getMetadata().getNamespace() + "/" + submission.getSpec().assignment;
  }

  /**
   * The queued submissions of the class that show a position and are among the first {@code maxConcurrent} of them:
   * those to wake when a slot frees or a submission ahead takes one (the others' positions change only in number).
   */
  Set<ResourceID> queueHeads(String namespace, String classroom) {
    Classroom cached = classrooms == null ? null : classroom(namespace, classroom);
    if (cached == null || submissions == null) {
      return Set.of();
    }
    Integer max = GradingJob.settings(cached).maxConcurrent;
    List<GradingQueue.Waiting> positioned = new ArrayList<>();
    for (Assignment assignment : assignmentsOf(namespace, classroom)) {
      submissions.byIndex(POSITIONED, namespace + "/" + assignment.getMetadata().getName()).stream()
          .map(GradingView::waitingEntry)
          .forEach(positioned::add);
    }
    return GradingQueue.heads(positioned, max == null ? 20 : max).stream()
        .map(name -> new ResourceID(name, namespace))
        .collect(Collectors.toSet());
  }

  /** An Assignment's change reaches each student's latest submission (a regrade) and those still waiting. */
  Set<ResourceID> ofAssignment(Assignment assignment) {
    if (submissions == null) {
      return Set.of();
    }
    String namespace = assignment.getMetadata().getNamespace();
    String name = assignment.getMetadata().getName();
    Map<String, List<Submission>> byStudent =
        submissions
            .list(namespace, s -> name.equals(s.getSpec().assignment))
            .collect(Collectors.groupingBy(s -> s.getSpec().student));
    return byStudent.values().stream()
        .flatMap(
            list -> {
              Submission latest =
                  list.stream()
                      .max(
                          Comparator.comparing(
                              GradingView::waitingEntry, GradingQueue.Waiting.ORDER))
                      .orElseThrow();
              return Stream.concat(
                  Stream.of(latest),
                  list.stream()
                      .filter(
                          s ->
                              s.getStatus() == null
                                  || s.getStatus().phase == SubmissionPhase.Queued));
            })
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  static GradingQueue.Waiting waitingEntry(Submission submission) {
    return new GradingQueue.Waiting(
        submission.getMetadata().getName(), submission.getMetadata().getCreationTimestamp());
  }

  static Set<ResourceID> bySubmissionLabel(HasMetadata object) {
    String submission = label(object, GradingJob.SUBMISSION);
    return submission == null
        ? Set.of()
        : Set.of(new ResourceID(submission, object.getMetadata().getNamespace()));
  }

  static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
