package dev.tito.operator.grading;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.review.Review;
import dev.tito.api.review.ReviewGrade;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.notebook.autograde.InvalidGradingResultException;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.operator.cluster.ReleaseNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gathers what one grading decision needs, before it is made: the informer caches first, then only what the
 * Submission's state asks for (the checks' reads when a Job is due, a slot from the class's queue, the followed Job
 * and its result, the answers a person's grades are compared with).
 */
final class SubmissionObserver {
  private final KubernetesClient client;
  private final GradingView view;
  private final GradingQueue queue;
  private final GradingMetrics metrics;
  private final RosterIds rosters;
  private final StoredReleases releases;
  private final SubmittedAnswers answers;
  private final SubmissionChecks.Reads reads =
      new SubmissionChecks.Reads() {
        @Override
        public Boolean onRoster(Classroom classroom, String student) {
          return rosters.contains(classroom, student);
        }

        @Override
        public ConfigMap files(String namespace, String name) {
          return client.configMaps().inNamespace(namespace).withName(name).get();
        }

        @Override
        public ReleaseGradebook gradebook(String namespace, String assignment, String revision) {
          return releases.gradebook(namespace, assignment, revision);
        }

        @Override
        public List<String> releaseConfigMaps(
            String namespace, String assignment, String revision) {
          return releases.releaseConfigMaps(namespace, assignment, revision);
        }
      };

  SubmissionObserver(
      KubernetesClient client,
      GradingView view,
      GradingQueue queue,
      GradingMetrics metrics,
      RosterIds rosters,
      StoredReleases releases,
      SubmittedAnswers answers) {
    this.client = client;
    this.view = view;
    this.queue = queue;
    this.metrics = metrics;
    this.rosters = rosters;
    this.releases = releases;
    this.answers = answers;
  }

  SubmissionObservation observe(Submission submission, Instant now) {
    String namespace = submission.getMetadata().getNamespace();
    Assignment assignment = view.assignment(namespace, submission.getSpec().assignment);
    Classroom classroom =
        assignment == null ? null : view.classroom(namespace, assignment.getSpec().classroom);
    boolean latest = view.isLatest(submission);
    Review review =
        assignment == null
            ? null
            : view.review(
                namespace, assignment.getMetadata().getName(), submission.getSpec().student);
    SubmissionDecision.Plan plan =
        SubmissionDecision.plan(submission, assignment, classroom, latest, now);
    switch (plan.step()) {
      case FOLLOW:
        {
          ObservedJob job = follow(submission, assignment, plan.job(), now);
          boolean scored = job.score() != null && job.score().output() != null;
          return new SubmissionObservation(
              assignment,
              classroom,
              latest,
              review,
              scored ? answers(submission, assignment, review) : Map.of(),
              null,
              null,
              job);
        }
      case ADMIT:
        return admit(
            submission,
            new SubmissionObservation(
                assignment, classroom, latest, review, Map.of(), null, null, null),
            plan);
      default:
        {
          SubmissionStatus status = submission.getStatus();
          boolean graded = status != null && status.phase == SubmissionPhase.Graded;
          return new SubmissionObservation(
              assignment,
              classroom,
              latest,
              review,
              graded ? answers(submission, assignment, review) : Map.of(),
              null,
              null,
              null);
        }
    }
  }

  /**
   * A Job is due: the Job a restarted operator may have made already, the checks, and a slot. Validated first and then
   * queued; one already waiting with a place is checked again only once admitted, not at every move of the queue.
   */
  private SubmissionObservation admit(
      Submission submission, SubmissionObservation cached, SubmissionDecision.Plan plan) {
    if (plan.notBefore() != null) {
      return cached;
    }
    Classroom classroom = cached.classroom();
    Job existing = view.job(submission.getMetadata().getNamespace(), plan.job());
    boolean asksQueue =
        existing == null && classroom != null && GradingJob.settings(classroom).queue == null;
    SubmissionChecks.Verdict checks = null;
    GradingQueue.Admission slot = null;
    if (!plan.checked()) {
      checks = SubmissionChecks.check(submission, cached.assignment(), classroom, reads);
      slot =
          checks.kind() == SubmissionChecks.Verdict.Kind.READY && asksQueue
              ? slot(submission, classroom, plan.job())
              : null;
    } else {
      slot = asksQueue ? slot(submission, classroom, plan.job()) : null;
      checks =
          slot == null || slot.admitted()
              ? SubmissionChecks.check(submission, cached.assignment(), classroom, reads)
              : null;
    }
    return new SubmissionObservation(
        cached.assignment(),
        classroom,
        cached.latest(),
        cached.review(),
        Map.of(),
        checks,
        slot,
        existing == null ? null : ObservedJob.cached(existing, null, null));
  }

  /** Asks the class's queue for a slot: reserved for the Job when admitted, so a failed start must give it back. */
  private GradingQueue.Admission slot(Submission submission, Classroom classroom, String job) {
    String namespace = submission.getMetadata().getNamespace();
    String name = classroom.getMetadata().getName();
    String classKey = namespace + "/" + name;
    metrics.watchQueue(classKey);
    Integer max = GradingJob.settings(classroom).maxConcurrent;
    return queue.admit(
        classKey,
        max == null ? 20 : max,
        GradingView.waitingEntry(submission),
        view.waiters(namespace, name),
        cachedJob -> view.cached(namespace, cachedJob),
        job);
  }

  /** The current attempt's Job: the cache, else the API server (just created, or deleted), and its result. */
  private ObservedJob follow(
      Submission submission, Assignment assignment, String jobName, Instant now) {
    String namespace = submission.getMetadata().getNamespace();
    Job job = view.job(namespace, jobName);
    if (job == null) {
      if (client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get() != null) {
        return ObservedJob.absent(jobName, ObservedJob.Presence.NOT_CACHED_YET);
      }
      // a status older than this reconcile's own last write would mistake a deleted earlier attempt
      // for a loss
      Submission fresh = client.resource(submission).get();
      return ObservedJob.absent(
          jobName,
          sameAttempt(fresh, submission)
              ? ObservedJob.Presence.GONE
              : ObservedJob.Presence.STATUS_BEHIND);
    }
    Pod pod = view.podOf(job);
    JobOutcome outcome = JobOutcome.of(job, pod, now);
    return ObservedJob.cached(
        job,
        outcome,
        outcome.state() == JobOutcome.State.SUCCEEDED
            ? score(submission, assignment, job, pod)
            : null);
  }

  private static boolean sameAttempt(Submission fresh, Submission cached) {
    SubmissionStatus now = fresh == null ? null : fresh.getStatus();
    SubmissionStatus then = cached.getStatus();
    return now != null
        && Objects.equals(now.jobName, then.jobName)
        && now.phase == then.phase
        && Objects.equals(now.failureClass, then.failureClass);
  }

  /** The score container's log, read as untrusted (size-capped, strict, clamped to the gradebook's rows). */
  private ObservedJob.ScoreRead score(
      Submission submission, Assignment assignment, Job job, Pod pod) {
    if (pod == null) {
      return ObservedJob.ScoreRead.unreadable("the grading pod is gone before its result was read");
    }
    if (assignment == null) {
      return ObservedJob.ScoreRead.unreadable("the Assignment is gone");
    }
    String namespace = submission.getMetadata().getNamespace();
    String name = assignment.getMetadata().getName();
    try {
      String log =
          client
              .pods()
              .inNamespace(namespace)
              .withName(pod.getMetadata().getName())
              .inContainer(GradingJob.SCORE)
              .limitBytes(ScoreOutput.LOG_LIMIT)
              .getLog();
      ReleaseGradebook gradebook = releases.gradebook(namespace, name, revisionOf(job));
      if (gradebook == null) {
        return ObservedJob.ScoreRead.unreadable(
            "the gradebook Secret of the graded revision is gone");
      }
      return ObservedJob.ScoreRead.of(
          ScoreOutput.parse(log, name, submission.getSpec().student, gradebook));
    } catch (InvalidGradingResultException e) {
      return ObservedJob.ScoreRead.unreadable(e.getMessage());
    } catch (KubernetesClientException e) {
      if (interrupted(e)) {
        // the operator is stopping: the next leader reads this log again; recording a failure would
        // grade twice
        throw e;
      }
      return ObservedJob.ScoreRead.unreadable(
          "the score container's log cannot be read (HTTP " + e.getCode() + ")");
    }
  }

  /**
   * Answer digests of the Submissions the student's Review graded, when one of its grades was given for another
   * Submission than this one (and of this one, to compare): none read for a student nobody graded by hand.
   */
  private Map<String, Map<String, String>> answers(
      Submission submission, Assignment assignment, Review review) {
    List<ReviewGrade> grades =
        review == null || review.getSpec() == null || review.getSpec().grades == null
            ? List.of()
            : review.getSpec().grades;
    String own = submission.getMetadata().getName();
    Set<String> graded =
        grades.stream()
            .map(g -> g.submission)
            .filter(Objects::nonNull)
            .collect(Collectors.toCollection(HashSet::new));
    if (graded.stream().allMatch(own::equals)) {
      return Map.of();
    }
    graded.add(own);
    String namespace = submission.getMetadata().getNamespace();
    String revision =
        assignment.getStatus() == null ? null : assignment.getStatus().releasedRevision;
    ReleaseGradebook gradebook =
        revision == null
            ? null
            : releases.gradebook(namespace, assignment.getMetadata().getName(), revision);
    Map<String, Map<String, String>> found = new HashMap<>();
    for (String name : graded) {
      Map<String, String> digests = answers.of(view.submission(namespace, name), gradebook);
      if (digests != null) {
        found.put(name, digests);
      }
    }
    return found;
  }

  private static String revisionOf(Job job) {
    return job.getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> "gradebook".equals(v.getName()))
        .map(v -> ReleaseNames.revisionOfGradebook(v.getSecret().getSecretName()))
        .findFirst()
        .orElse("");
  }

  /** A read cut short by the operator's own shutdown, not a failure of the grading Job. */
  static boolean interrupted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
        return true;
      }
    }
    return Thread.currentThread().isInterrupted();
  }
}
