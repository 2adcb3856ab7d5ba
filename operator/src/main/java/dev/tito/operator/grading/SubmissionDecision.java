package dev.tito.operator.grading;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.GradingDefaults;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionResults;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.SubmissionWait;
import dev.tito.operator.cluster.Backoff;
import dev.tito.operator.cluster.Jobs;
import dev.tito.operator.cluster.Timestamps;
import dev.tito.operator.status.StatusRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The grading state machine (the table in docs/architecture.md): from a Submission, what was observed of it and the
 * time, its next status and the actions that make that status true. Pure: it reads nothing and writes nothing.
 */
final class SubmissionDecision {
  /** How often a missing prerequisite (assignment not released, ...) or a running Job is looked at again. */
  static final Duration RECHECK = Duration.ofSeconds(30);

  /**
   * How long after a submission's creation second every submission created before it is in the caches (the API
   * server stamps whole seconds, the queue's ordered copy is up to a second old): a place counted sooner may miss a
   * later arrival of the same second that is served first, so it is counted again then.
   */
  static final Duration PLACE_SETTLES = Duration.ofSeconds(5);

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** What the status asks for: nothing more (settled), the current attempt's Job followed, or a Job for the next. */
  enum Step {
    SETTLED,
    FOLLOW,
    ADMIT
  }

  /**
   * What a decision is about, known from the status and the caches alone (so the observer reads only what it needs).
   *
   * @param round the Assignment's regrade round of the attempt
   * @param attempt the attempt followed, or the one to come
   * @param job that attempt's Job
   * @param checked already checked and waiting with a place in the queue: checked again only once admitted
   * @param notBefore the end of a retry's backoff when it is not over yet (ADMIT), else null
   */
  record Plan(Step step, int round, int attempt, String job, boolean checked, Instant notBefore) {}

  /**
   * @param status the next status (equal to the current one when nothing changed)
   * @param actions what makes it true, in order
   * @param requeue when to look again without an event, or null
   */
  record Decision(SubmissionStatus status, List<GradingAction> actions, Duration requeue) {}

  private final Submission submission;
  private final SubmissionObservation seen;
  private final Instant now;
  private final GradingSettings settings;
  private final SubmissionStatus next;
  private final List<GradingAction> actions = new ArrayList<>();

  private SubmissionDecision(
      Submission submission, SubmissionObservation seen, Instant now, GradingSettings settings) {
    this.submission = submission;
    this.seen = seen;
    this.now = now;
    this.settings = settings;
    this.next = startingPoint(submission, seen.assignment(), seen.latest(), now);
  }

  static Decision decide(
      Submission submission, SubmissionObservation seen, Instant now, GradingSettings settings) {
    return new SubmissionDecision(submission, seen, now, settings).decide();
  }

  /** The plan for the Submission as the caches show it (the observer's guide to what else to read). */
  static Plan plan(
      Submission submission,
      Assignment assignment,
      Classroom classroom,
      boolean latest,
      Instant now) {
    return plan(
        submission, startingPoint(submission, assignment, latest, now), assignment, classroom, now);
  }

  private static Plan plan(
      Submission submission,
      SubmissionStatus status,
      Assignment assignment,
      Classroom classroom,
      Instant now) {
    int attempts = status.attempts == null ? 0 : status.attempts;
    int gradedRound = status.gradedRound == null ? 0 : status.gradedRound;
    if (settled(status)) {
      return new Plan(Step.SETTLED, gradedRound, attempts, status.jobName, false, null);
    }
    boolean retryPending = status.phase == SubmissionPhase.Queued && status.failureClass != null;
    if (attempts > 0 && !retryPending) {
      return new Plan(Step.FOLLOW, gradedRound, attempts, status.jobName, false, null);
    }
    int attempt = attempts + 1;
    int round = attempt == 1 ? regrade(assignment) : gradedRound;
    boolean checked =
        status.phase == SubmissionPhase.Queued && status.queuePosition != null && classroom != null;
    Instant retryAt = retryAt(status);
    Instant notBefore = retryAt != null && retryAt.isAfter(now) ? retryAt : null;
    return new Plan(
        Step.ADMIT,
        round,
        attempt,
        GradingJob.name(submission, round, attempt),
        checked,
        notBefore);
  }

  /**
   * When a retry may start: {@code notBefore} while it waits for its RetryTime; a status written before that field
   * existed kept the time in {@code queuedAt}. Null when no retry waits.
   */
  static Instant retryAt(SubmissionStatus status) {
    if (status == null || status.phase != SubmissionPhase.Queued) {
      return null;
    }
    if (status.waitingFor == SubmissionWait.RetryTime) {
      return status.notBefore == null ? null : Instant.parse(status.notBefore);
    }
    boolean legacyRetry =
        status.waitingFor == null && status.failureClass != null && status.queuedAt != null;
    return legacyRetry ? Instant.parse(status.queuedAt) : null;
  }

  /** The status a decision starts from: the Submission's own, or a new round's when a regrade reaches it. */
  private static SubmissionStatus startingPoint(
      Submission submission, Assignment assignment, boolean latest, Instant now) {
    SubmissionStatus status =
        submission.getStatus() == null
            ? new SubmissionStatus()
            : SERIALIZATION.clone(submission.getStatus());
    if (!settled(status)
        || !latest
        || regrade(assignment) <= (status.gradedRound == null ? 0 : status.gradedRound)) {
      return status;
    }
    // the previous result stays on record in the Job history only; this round starts from the queue
    status.phase = SubmissionPhase.Queued;
    status.message = "queued for regrade round " + regrade(assignment);
    status.attempts = 0;
    status.jobName = null;
    status.failureClass = null;
    status.score = null;
    status.maxScore = null;
    status.latePenalty = null;
    status.needsManualGrade = null;
    status.results = new ArrayList<>();
    status.queuedAt = now.toString();
    status.waitingFor = null;
    status.notBefore = null;
    status.startedAt = null;
    status.completedAt = null;
    return status;
  }

  private Decision decide() {
    Plan plan = plan(submission, next, seen.assignment(), seen.classroom(), now);
    Duration requeue =
        switch (plan.step()) {
          case SETTLED -> settled();
          case FOLLOW ->
              follow(Objects.requireNonNull(seen.job(), "the followed Job was not observed"));
          case ADMIT -> admit(plan);
        };
    if (next.phase != SubmissionPhase.Queued) {
      next.waitingFor = null;
      next.notBefore = null;
    }
    long generation =
        submission.getMetadata().getGeneration() == null
            ? 0
            : submission.getMetadata().getGeneration();
    next.observedGeneration = generation;
    if (next.phase != null) {
      next.conditions = SubmissionConditions.of(submission.getStatus(), next, generation, now);
    }
    return new Decision(next, List.copyOf(actions), requeue);
  }

  /** Graded or Failed: only a person's grades still change a Graded status. */
  private Duration settled() {
    if (next.phase == SubmissionPhase.Graded) {
      countReview();
    }
    return null;
  }

  /** Follows the Job of the current attempt to its outcome. */
  private Duration follow(ObservedJob job) {
    switch (job.presence()) {
      case NOT_CACHED_YET:
        return RECHECK;
      case STATUS_BEHIND:
        return StatusRecorder.STALE_RETRY;
      case GONE:
        actions.add(new GradingAction.ForgetReservation(classKey(), job.name()));
        return failed(JobOutcome.vanished(job.name()), null);
      default:
        actions.add(new GradingAction.ForgetReservation(classKey(), job.name()));
    }
    JobOutcome outcome = job.outcome();
    return switch (outcome.state()) {
      case SUSPENDED -> {
        queued(SubmissionWait.KueueAdmission, null, kueueMessage(job.name()));
        yield null;
      }
      case RUNNING -> {
        if (next.phase != SubmissionPhase.Grading) {
          next.phase = SubmissionPhase.Grading;
          next.startedAt = now.toString();
          next.message = "grading in Job " + job.name();
        }
        yield RECHECK;
      }
      case SUCCEEDED -> score(job);
      default -> failed(outcome, job.job());
    };
  }

  /** Graded from the score container's result, with the operator's own late penalty. */
  private Duration score(ObservedJob job) {
    ObservedJob.ScoreRead read = job.score();
    if (read == null || read.output() == null) {
      return failed(
          new JobOutcome(
              JobOutcome.State.RETRYABLE,
              "InfrastructureError",
              read == null ? "the score container's result was not read" : read.problem()),
          job.job());
    }
    ScoreOutput output = read.output();
    double raw = output.result().rawScore();
    double penalty = lateness().penalty(raw);
    String feedback = submission.getMetadata().getName() + "-feedback";
    actions.add(
        new GradingAction.WriteFeedback(
            FeedbackConfigMap.desired(submission, feedback, output.feedback())));
    next.phase = SubmissionPhase.Graded;
    next.score = Math.max(0, raw - penalty);
    next.maxScore = output.result().maxScore();
    next.latePenalty = penalty;
    next.needsManualGrade = output.result().needsManualGrade();
    next.results = SubmissionResults.of(output.result());
    next.feedbackConfigMap = feedback;
    next.failureClass = null;
    next.completedAt = now.toString();
    next.message = gradedMessage(next, 0);
    countReview();
    String started = job.job().getStatus() == null ? null : job.job().getStatus().getStartTime();
    actions.add(new GradingAction.CountOutcome("graded"));
    actions.add(
        new GradingAction.TimeGrading(
            Duration.between(started == null ? now : Instant.parse(started), now)));
    return null;
  }

  /** A final failure, or another attempt after the backoff while retries remain. */
  private Duration failed(JobOutcome outcome, Job job) {
    int attempt = next.attempts == null ? 1 : next.attempts;
    GradingDefaults grading =
        seen.classroom() == null ? null : GradingJob.settings(seen.classroom());
    int retries = grading == null || grading.retries == null ? 3 : grading.retries;
    // a stuck attempt (an image that never pulls) holds a slot until deleted; a finished one is
    // left to its TTL
    if (outcome.retryable() && job != null && !Jobs.finished(job)) {
      actions.add(new GradingAction.DeleteJob(job));
    }
    next.failureClass = outcome.failureClass();
    if (outcome.retryable() && attempt <= retries) {
      Duration backoff = Backoff.after(attempt, settings.retryBackoff(), null);
      queued(
          SubmissionWait.RetryTime,
          now.plus(backoff),
          "attempt "
              + attempt
              + " failed ("
              + outcome.failureClass()
              + ": "
              + outcome.detail()
              + "); trying again in "
              + backoff.toMillis() / 1000.0
              + "s");
      return backoff;
    }
    next.phase = SubmissionPhase.Failed;
    next.completedAt = now.toString();
    next.message =
        outcome.failureClass()
            + ": "
            + outcome.detail()
            + (outcome.retryable() ? " (after " + attempt + " attempts)" : "");
    actions.add(new GradingAction.CountOutcome(outcome.failureClass()));
    return null;
  }

  /** A Job is due: after the checks and a slot in the class's queue, it is created (or a restart's adopted). */
  private Duration admit(Plan plan) {
    if (plan.notBefore() != null) {
      return Duration.between(now, plan.notBefore()); // a retry's backoff
    }
    SubmissionChecks.Verdict checks = seen.checks();
    GradingQueue.Admission slot = seen.slot();
    if (checks != null && checks.kind() != SubmissionChecks.Verdict.Kind.READY) {
      ownFiles(checks.files());
      if (slot != null && slot.admitted()) {
        actions.add(new GradingAction.ForgetReservation(classKey(), plan.job()));
      }
      return checks.kind() == SubmissionChecks.Verdict.Kind.WAITING
          ? waitFor(checks.waitingFor(), checks.message())
          : refuse(checks.failureClass(), checks.message());
    }
    if (slot != null && !slot.admitted()) {
      if (checks != null) {
        ownFiles(checks.files());
      }
      queued(
          SubmissionWait.QueuePlace,
          null,
          slot.position() + " submissions of the class ahead in the grading queue");
      next.queuePosition = slot.position();
      return untilPlaceSettles();
    }
    Objects.requireNonNull(checks, "a Job is due but the checks were not run");
    Duration requeue = start(plan, checks.ready());
    // after the Job, not before: one request fewer between a submission and its Job (a failure
    // before the status write leaves it to the next reconcile, which checks and owns them again)
    ownFiles(checks.files());
    return requeue;
  }

  /** When a place just counted is counted again (see {@link #PLACE_SETTLES}), or null when it was counted late enough. */
  private Duration untilPlaceSettles() {
    Instant settles =
        Timestamps.orEpoch(submission.getMetadata().getCreationTimestamp()).plus(PLACE_SETTLES);
    return now.isBefore(settles) ? Duration.between(now, settles) : null;
  }

  /** Creates the attempt's Job unless a restarted operator made it already; the status records it either way. */
  private Duration start(Plan plan, SubmissionChecks.Ready ready) {
    Classroom classroom = seen.classroom();
    GradingDefaults grading = GradingJob.settings(classroom);
    if (seen.job() == null) {
      Job job =
          GradingJob.desired(
              new GradingJob.Inputs(
                  submission,
                  seen.assignment(),
                  classroom,
                  ready.revision(),
                  ready.releaseConfigMaps(),
                  ready.notebooks(),
                  plan.round(),
                  plan.attempt(),
                  settings.jobImage(),
                  settings.priorityClass()));
      Duration wait =
          plan.attempt() == 1
              ? Duration.between(
                  Instant.parse(submission.getMetadata().getCreationTimestamp()), now)
              : null;
      actions.add(new GradingAction.CreateJob(job, classKey(), wait));
      if (grading.queue == null) {
        actions.add(
            new GradingAction.WakeQueueHeads(
                submission.getMetadata().getNamespace(),
                classroom.getMetadata().getName(),
                submission.getMetadata().getName()));
      }
    }
    next.jobName = plan.job();
    next.attempts = plan.attempt();
    next.gradedRound = plan.round();
    next.failureClass = null;
    next.queuePosition = null;
    next.queuedAt = next.queuedAt == null ? now.toString() : next.queuedAt;
    if (grading.queue != null) {
      queued(SubmissionWait.KueueAdmission, null, kueueMessage(plan.job()));
    } else {
      next.phase = SubmissionPhase.Grading;
      next.startedAt = now.toString();
      next.message =
          "grading in Job "
              + plan.job()
              + (plan.attempt() > 1 ? " (attempt " + plan.attempt() + ")" : "");
    }
    return RECHECK;
  }

  private Duration waitFor(SubmissionWait what, String why) {
    queued(what, what == SubmissionWait.Release ? releaseAt() : null, why);
    next.queuePosition = null;
    return RECHECK;
  }

  /** Queued, waiting for {@code what} until {@code notBefore} at the earliest (null: until an event). */
  private void queued(SubmissionWait what, Instant notBefore, String why) {
    next.phase = SubmissionPhase.Queued;
    next.waitingFor = what;
    next.notBefore = notBefore == null ? null : notBefore.toString();
    next.message = why;
    next.queuedAt = next.queuedAt == null ? now.toString() : next.queuedAt;
  }

  /** The Assignment's releaseAt when it is still to come: the earliest a submission waiting for the release moves. */
  private Instant releaseAt() {
    Instant at =
        seen.assignment() == null ? null : Timestamps.orNull(seen.assignment().getSpec().releaseAt);
    return at != null && at.isAfter(now) ? at : null;
  }

  private Duration refuse(String failureClass, String why) {
    next.phase = SubmissionPhase.Failed;
    next.failureClass = failureClass;
    next.message = why;
    next.queuePosition = null;
    next.gradedRound = regrade(seen.assignment());
    next.completedAt = now.toString();
    actions.add(new GradingAction.CountOutcome(failureClass));
    return null;
  }

  /** The submitted files go with the Submission: Kubernetes deletes the ConfigMap when the Submission is deleted. */
  private void ownFiles(ConfigMap files) {
    if (files == null) {
      return;
    }
    String uid = submission.getMetadata().getUid();
    List<OwnerReference> owners = files.getMetadata().getOwnerReferences();
    if (owners != null && owners.stream().anyMatch(o -> uid.equals(o.getUid()))) {
      return;
    }
    List<OwnerReference> withOurs = new ArrayList<>(owners == null ? List.of() : owners);
    withOurs.add(
        new OwnerReferenceBuilder()
            .withApiVersion(submission.getApiVersion())
            .withKind(submission.getKind())
            .withName(submission.getMetadata().getName())
            .withUid(uid)
            .withBlockOwnerDeletion(false)
            .build());
    // the list as read, carrying its resourceVersion: no second read, and no lost owner
    actions.add(
        new GradingAction.OwnFiles(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(files.getMetadata().getName())
                .withNamespace(submission.getMetadata().getNamespace())
                .withResourceVersion(files.getMetadata().getResourceVersion())
                .withOwnerReferences(withOurs)
                .endMetadata()
                .build()));
  }

  /**
   * Counts the student's Review of the assignment in this Graded status (a regrade keeps a person's grades where the
   * answer is unchanged); nothing to do for a student nobody graded by hand.
   */
  private void countReview() {
    if (seen.assignment() == null || seen.review() == null && !ReviewFold.carriesGrades(next)) {
      return;
    }
    int dropped =
        ReviewFold.fold(
            next,
            submission.getMetadata().getName(),
            seen.review(),
            seen.answers()::get,
            lateness()::penalty);
    next.message = gradedMessage(next, dropped);
  }

  private Lateness lateness() {
    try {
      return Lateness.of(
          seen.assignment(), Instant.parse(submission.getMetadata().getCreationTimestamp()));
    } catch (IllegalArgumentException e) {
      return new Lateness(0, null, 0, 0);
    }
  }

  private String kueueMessage(String jobName) {
    String queueName = seen.classroom() == null ? "?" : GradingJob.settings(seen.classroom()).queue;
    return "waiting for Kueue queue " + queueName + " to admit grading Job " + jobName;
  }

  /** The class queue's key: {@code namespace/classroom}. */
  private String classKey() {
    return submission.getMetadata().getNamespace()
        + "/"
        + (seen.classroom() == null ? "" : seen.classroom().getMetadata().getName());
  }

  private static boolean settled(SubmissionStatus status) {
    return status.phase == SubmissionPhase.Graded || status.phase == SubmissionPhase.Failed;
  }

  /** The Assignment's {@code spec.regrade}: the round a first attempt belongs to. */
  private static int regrade(Assignment assignment) {
    return assignment == null || assignment.getSpec().regrade == null
        ? 0
        : assignment.getSpec().regrade;
  }

  /** One line for the student: the score, the late penalty, what waits for a person and which grades no longer count. */
  static String gradedMessage(SubmissionStatus status, int dropped) {
    double penalty = status.latePenalty == null ? 0 : status.latePenalty;
    boolean graded = status.results.stream().anyMatch(r -> r.manualScore != null);
    return "graded: "
        + points(status.score)
        + "/"
        + points(status.maxScore)
        + (penalty > 0 ? " after a late penalty of " + points(penalty) : "")
        + (Boolean.TRUE.equals(status.needsManualGrade)
            ? "; some answers wait for a person to grade them"
            : graded ? "; some cells graded by hand" : "")
        + (dropped == 0
            ? ""
            : "; "
                + dropped
                + (dropped == 1 ? " grade" : " grades")
                + " given by hand no longer count"
                + (dropped == 1 ? "s" : "")
                + " (see the results' gradeDropped)");
  }

  private static String points(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
