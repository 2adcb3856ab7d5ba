package dev.tito.operator.grading;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.GradingDefaults;
import dev.tito.api.review.Review;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionResults;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.notebook.autograde.InvalidGradingResultException;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.classroom.RosterReader;
import dev.tito.operator.events.ConditionEvents;
import dev.tito.operator.events.ServerRefusal;
import dev.tito.operator.status.Conditions;
import dev.tito.operator.status.StatusRecorder;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.micrometer.core.instrument.MeterRegistry;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Grades each Submission once in a Job of docs/grading-jobs.md: observe (Assignment, Classroom, own Jobs and pods),
 * validate (released, on the roster, size, notebooks, lateness), reconcile (admit through the class's queue, create
 * the Job, read its outcome) and write the status once.
 */
// status events count too: the reconcile after this operator's own status write sees it and sets the next wake-up
@ControllerConfiguration(name = "submission", generationAwareEventProcessing = false, maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class SubmissionReconciler implements Reconciler<Submission> {
  /** How often a missing prerequisite (assignment not released, ...) or a running Job is looked at again. */
  static final Duration RECHECK = Duration.ofSeconds(30);
  private static final String RECONCILE_ERROR = "ReconcileError";
  private static final Logger LOG = LoggerFactory.getLogger(SubmissionReconciler.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Settings of grading Jobs that come from the operator, not the Classroom. */
  public record Settings(String jobImage, String priorityClass, Duration retryBackoff) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Settings settings;
  private final RosterIds rosters;
  private final ReleaseRecords<ReleaseGradebook> gradebooks = new ReleaseRecords<>();
  private final ReleaseRecords<List<String>> releases = new ReleaseRecords<>();
  private final GradingQueue queue = new GradingQueue();
  private final GradingMetrics metrics;
  private final StatusRecorder<Submission, SubmissionStatus> recorder;
  private final GradingView view;
  private final SubmittedAnswers answers;
  /** Reconciles of queued submissions whose turn or position changed. */
  private final SimpleInboundEventSource<Submission> queueTurns = new SimpleInboundEventSource<>("grading-queue");

  public SubmissionReconciler(KubernetesClient client, Settings settings, MeterRegistry registry,
      Clock clock) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    this.rosters = new RosterIds(new RosterReader(client));
    this.view = new GradingView(client, clock);
    this.answers = new SubmittedAnswers(client);
    this.metrics = new GradingMetrics(registry, queue);
    this.recorder = new StatusRecorder<>(client, new ConditionEvents(client, (old, now) -> ConditionEvents.isFalse(now)
        && (old == null || ConditionEvents.statusOrReasonChanged(old, now))), status -> status.conditions);
  }

  @Override
  public List<EventSource<?, Submission>> prepareEventSources(EventSourceContext<Submission> context) {
    var jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, Submission.class)
        .withName("grading-jobs")
        .withLabelSelector(GradingJob.SELECTOR)
        .withSecondaryToPrimaryMapper(job -> {
          Set<ResourceID> targets = new HashSet<>(GradingView.bySubmissionLabel(job));
          // a finished Job frees a slot: the class's queue heads get their turn now, not at the next resync
          if (GradingView.finished(job)) {
            String classroom = GradingView.label(job, ClassroomLabels.CLASSROOM);
            if (classroom != null) {
              targets.addAll(view.queueHeads(job.getMetadata().getNamespace(), classroom));
            }
          }
          return targets;
        })
        .build(), context);
    var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, Submission.class)
        .withName("grading-pods")
        .withLabelSelector(GradingJob.SELECTOR)
        .withSecondaryToPrimaryMapper(GradingView::bySubmissionLabel)
        .build(), context);
    var assignments = new InformerEventSource<>(InformerEventSourceConfiguration.from(Assignment.class, Submission.class)
        .withName("assignments")
        .withSecondaryToPrimaryMapper(view::ofAssignment)
        // its spec or its released revision: the counts it sums up of submissions change with every one graded
        .withOnUpdateFilter((now, before) -> !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration())
            || !Objects.equals(releasedRevision(now), releasedRevision(before)))
        .build(), context);
    var classrooms = new InformerEventSource<>(InformerEventSourceConfiguration.from(Classroom.class, Submission.class)
        .withName("classrooms")
        // its spec (maxConcurrent): its status follows the students' servers
        .withOnUpdateFilter((now, before) -> !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration()))
        .withSecondaryToPrimaryMapper((SecondaryToPrimaryMapper<Classroom>) classroom ->
            view.queueHeads(classroom.getMetadata().getNamespace(), classroom.getMetadata().getName()))
        .build(), context);
    // a person's grades: each change is counted in the student's Submissions of that assignment
    var reviews = new InformerEventSource<>(InformerEventSourceConfiguration.from(Review.class, Submission.class)
        .withName("reviews")
        .withSecondaryToPrimaryMapper(view::ofReview)
        .build(), context);
    GradingView.index(context.getPrimaryCache(), jobs, pods);
    view.attach(context.getPrimaryCache(), jobs, pods, assignments, classrooms, reviews);
    return List.of(jobs, pods, assignments, classrooms, reviews, queueTurns);
  }

  private static String releasedRevision(Assignment assignment) {
    return assignment.getStatus() == null ? null : assignment.getStatus().releasedRevision;
  }

  @Override
  public UpdateControl<Submission> reconcile(Submission submission, Context<Submission> context) {
    Instant now = clock.instant();
    SubmissionStatus before = submission.getStatus() == null ? new SubmissionStatus() : submission.getStatus();
    SubmissionStatus next = SERIALIZATION.clone(before);
    Step step = new Step(submission, next, now);
    Duration recheck = step.run();
    long generation = submission.getMetadata().getGeneration() == null ? 0 : submission.getMetadata().getGeneration();
    next.observedGeneration = generation;
    if (next.phase != null) {
      next.conditions = SubmissionConditions.of(before, next, generation, now);
    }
    if (recorder.record(submission, next, context, now) == StatusRecorder.Outcome.STALE) {
      // the cache lags this operator's own last write: decide again on the newer copy (a created Job is adopted by name)
      return UpdateControl.<Submission>noUpdate().rescheduleAfter(StatusRecorder.STALE_RETRY);
    }
    step.recorded.forEach(Runnable::run);
    step.admitted.forEach(head -> queueTurns.propagateEvent(head));
    UpdateControl<Submission> control = UpdateControl.noUpdate();
    return recheck == null ? control : control.rescheduleAfter(recheck);
  }

  /**
   * What the operator cannot get past by itself (a refusal by RBAC, admission or a quota) is shown on the Submission
   * and told in a Warning event, while the reconcile is retried with backoff.
   */
  @Override
  public ErrorStatusUpdateControl<Submission> updateErrorStatus(Submission submission, Context<Submission> context, Exception e) {
    SubmissionStatus before = submission.getStatus() == null ? new SubmissionStatus() : submission.getStatus();
    String message = "grading is held up: " + ServerRefusal.describe(e);
    if (before.conditions != null && before.conditions.stream().anyMatch(c -> RECONCILE_ERROR.equals(c.getReason())
        && message.equals(c.getMessage()))) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    SubmissionStatus next = SERIALIZATION.clone(before);
    next.phase = next.phase == null ? SubmissionPhase.Queued : next.phase;
    next.message = message;
    next.conditions = List.of(Conditions.of(SubmissionConditions.GRADED, "False", RECONCILE_ERROR, message,
        submission.getMetadata().getGeneration(), before.conditions, clock.instant()));
    try {
      recorder.record(submission, next, context, clock.instant());
    } catch (KubernetesClientException refused) {
      LOG.warn("could not show the error on Submission {}/{}: {}", submission.getMetadata().getNamespace(),
          submission.getMetadata().getName(), ServerRefusal.describe(refused));
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /** One reconcile of one submission: decides the next status; returns when to look again (null: on events only). */
  private final class Step {
    private final Submission submission;
    private final SubmissionStatus next;
    private final Instant now;
    private final String namespace;
    private final Assignment assignment;
    private final Classroom classroom;
    /** Meters of this decision, recorded once its status is written. */
    final List<Runnable> recorded = new ArrayList<>();
    /** Submissions whose queue position moved because this one took a slot. */
    final Set<ResourceID> admitted = new HashSet<>();

    Step(Submission submission, SubmissionStatus next, Instant now) {
      this.submission = submission;
      this.next = next;
      this.now = now;
      this.namespace = submission.getMetadata().getNamespace();
      this.assignment = view.assignment(namespace, submission.getSpec().assignment);
      this.classroom = assignment == null ? null
          : view.classroom(namespace, assignment.getSpec().classroom);
    }

    Duration run() {
      if (next.phase == SubmissionPhase.Graded || next.phase == SubmissionPhase.Failed) {
        if (!view.regradeDue(submission, assignment)) {
          if (next.phase == SubmissionPhase.Graded) {
            countReview();
          }
          return null;
        }
        startRound();
      }
      int attempts = next.attempts == null ? 0 : next.attempts;
      boolean retryPending = next.phase == SubmissionPhase.Queued && next.failureClass != null;
      if (attempts > 0 && !retryPending) {
        return follow(next.jobName);
      }
      return admit(attempts + 1);
    }

    /** A regrade: the previous result stays on record in the Job history only; this round starts from the queue. */
    private void startRound() {
      next.phase = SubmissionPhase.Queued;
      next.message = "queued for regrade round " + round();
      next.attempts = 0;
      next.jobName = null;
      next.failureClass = null;
      next.score = null;
      next.maxScore = null;
      next.latePenalty = null;
      next.needsManualGrade = null;
      next.results = new ArrayList<>();
      next.queuedAt = now.toString();
      next.startedAt = null;
      next.completedAt = null;
    }

    private int round() {
      return assignment == null || assignment.getSpec().regrade == null ? 0 : assignment.getSpec().regrade;
    }

    /** Validates (first attempt of a round), then creates the Job when the queue has a slot for it. */
    private Duration admit(int attempt) {
      if (next.queuedAt != null && Instant.parse(next.queuedAt).isAfter(now)) {
        return Duration.between(now, Instant.parse(next.queuedAt)); // a retry's backoff
      }
      // one already checked and waiting in the queue is read and checked again when its turn comes, not at every move
      boolean checked = next.phase == SubmissionPhase.Queued && next.queuePosition != null && classroom != null;
      Inputs inputs = checked ? null : inputs();
      if (!checked && inputs == null) {
        return next.phase == SubmissionPhase.Failed ? null : RECHECK;
      }
      int round = attempt == 1 ? round() : next.gradedRound;
      String jobName = GradingJob.name(submission, round, attempt);
      GradingDefaults grading = GradingJob.settings(classroom);
      String classKey = namespace + "/" + classroom.getMetadata().getName();
      metrics.watchQueue(classKey);
      Job existing = view.job(namespace, jobName);
      if (existing == null && grading.queue == null) {
        String name = classroom.getMetadata().getName();
        GradingQueue.Admission admission = queue.admit(classKey, grading.maxConcurrent == null ? 20 : grading.maxConcurrent,
            GradingView.waitingEntry(submission), view.waiters(namespace, name), job -> view.cached(namespace, job), jobName);
        if (!admission.admitted()) {
          next.phase = SubmissionPhase.Queued;
          next.queuePosition = admission.position();
          next.queuedAt = next.queuedAt == null ? now.toString() : next.queuedAt;
          next.message = admission.position() + " submissions of the class ahead in the grading queue";
          return null;
        }
      }
      if (inputs == null) {
        inputs = inputs();
        if (inputs == null) {
          queue.forget(classKey, jobName);
          return next.phase == SubmissionPhase.Failed ? null : RECHECK;
        }
      }
      if (existing == null) {
        if (grading.queue == null) {
          // only those showing a position need a look; waking every head on each admission is quadratic in a burst
          view.queueHeads(namespace, classroom.getMetadata().getName()).stream()
              .filter(head -> !head.getName().equals(submission.getMetadata().getName()))
              .filter(view::showsPosition).forEach(admitted::add);
        }
        try {
          client.resource(GradingJob.desired(new GradingJob.Inputs(submission, assignment, classroom, inputs.revision(),
              inputs.releaseConfigMaps(), inputs.notebooks(), round, attempt, settings.jobImage(),
              settings.priorityClass()))).create();
          if (attempt == 1) {
            Duration wait = Duration.between(Instant.parse(submission.getMetadata().getCreationTimestamp()), now);
            recorded.add(() -> metrics.jobCreated(wait));
          }
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409) {
            queue.forget(classKey, jobName);
            throw e;
          }
        }
      }
      next.jobName = jobName;
      next.attempts = attempt;
      next.gradedRound = round;
      next.failureClass = null;
      next.queuePosition = null;
      next.queuedAt = next.queuedAt == null ? now.toString() : next.queuedAt;
      if (grading.queue != null) {
        next.phase = SubmissionPhase.Queued;
        next.message = kueueMessage(jobName);
      } else {
        next.phase = SubmissionPhase.Grading;
        next.startedAt = now.toString();
        next.message = "grading in Job " + jobName + (attempt > 1 ? " (attempt " + attempt + ")" : "");
      }
      return RECHECK;
    }

    /** What the Job needs, after the checks of a first attempt; null with the status set when it cannot run now. */
    private Inputs inputs() {
      String asg = submission.getSpec().assignment;
      if (assignment == null) {
        return waitFor("no Assignment '" + asg + "' in namespace " + namespace + " (spec.assignment)");
      }
      String revision = assignment.getStatus() == null ? null : assignment.getStatus().releasedRevision;
      if (revision == null) {
        return waitFor("Assignment " + asg + " is not released yet");
      }
      if (classroom == null) {
        return waitFor("no Classroom '" + assignment.getSpec().classroom + "' in namespace " + namespace
            + " (Assignment " + asg + " spec.classroom)");
      }
      String labelled = GradingView.label(submission, ClassroomLabels.CLASSROOM);
      if (labelled != null && !labelled.equals(classroom.getMetadata().getName())) {
        // the admission policy trusts this label to name the student's class: work labelled for one class is no other's
        return refuse("InvalidSubmission", "labelled tito.dev/classroom=" + labelled + " but Assignment " + asg
            + " belongs to Classroom " + classroom.getMetadata().getName() + " (metadata.labels)");
      }
      String student = submission.getSpec().student;
      Boolean onRoster = rosters.contains(classroom, student);
      if (onRoster == null) {
        return waitFor("the roster of Classroom " + classroom.getMetadata().getName() + " cannot be read");
      }
      if (!onRoster) {
        return refuse("InvalidSubmission", "student '" + student + "' is not on the roster of Classroom "
            + classroom.getMetadata().getName() + " (spec.student)");
      }
      String cmName = submission.getSpec().notebookConfigMap;
      ConfigMap files = client.configMaps().inNamespace(namespace).withName(cmName).get();
      if (files == null) {
        return refuse("InvalidSubmission", "no ConfigMap '" + cmName + "' in namespace " + namespace + " (spec.notebookConfigMap)");
      }
      own(files);
      SubmittedFiles submitted = SubmittedFiles.of(files);
      Lateness lateness;
      SubmittedFiles.Refusal refusal;
      try {
        refusal = submitted.refusal(cmName, GradingJob.settings(classroom).maxSubmissionSize);
        lateness = Lateness.of(assignment, Instant.parse(submission.getMetadata().getCreationTimestamp()));
      } catch (IllegalArgumentException | ArithmeticException e) {
        return waitFor("cannot grade yet: " + e.getMessage());
      }
      if (refusal != null) {
        return refuse(refusal.failureClass(), refusal.message());
      }
      if (lateness.refusal() != null) {
        return refuse("Late", lateness.refusal());
      }
      ReleaseGradebook gradebook = gradebook(namespace, asg, revision);
      if (gradebook == null) {
        return waitFor("the gradebook of Assignment " + asg + " revision " + revision + " is not stored yet");
      }
      List<String> notebooks = gradebook.notebooks().keySet().stream().map(nb -> nb + ".ipynb")
          .filter(submitted.files()::containsKey).toList();
      List<String> release = releases.get(namespace, asg, revision, () -> {
        List<String> names = client.configMaps().inNamespace(namespace).withLabel(GradingJob.ASSIGNMENT, asg)
            .withLabel("tito.dev/revision", revision).list().getItems().stream().map(cm -> cm.getMetadata().getName())
            .filter(name -> name.startsWith(asg + "-release-" + revision + "-"))
            .sorted(Comparator.comparingInt(name -> Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)))).toList();
        return names.isEmpty() ? null : names;
      });
      if (release == null) {
        return waitFor("the release of Assignment " + asg + " revision " + revision + " is not stored yet");
      }
      return new Inputs(revision, release, notebooks);
    }

    private Inputs waitFor(String why) {
      next.phase = SubmissionPhase.Queued;
      next.queuePosition = null;
      next.message = why;
      next.queuedAt = next.queuedAt == null ? now.toString() : next.queuedAt;
      return null;
    }

    private Inputs refuse(String failureClass, String why) {
      next.phase = SubmissionPhase.Failed;
      next.failureClass = failureClass;
      next.message = why;
      next.queuePosition = null;
      next.gradedRound = round();
      next.completedAt = now.toString();
      recorded.add(() -> metrics.outcome(failureClass));
      return null;
    }

    /** The submitted files go with the Submission: Kubernetes deletes the ConfigMap when the Submission is deleted. */
    private void own(ConfigMap files) {
      String uid = submission.getMetadata().getUid();
      List<OwnerReference> owners = files.getMetadata().getOwnerReferences();
      if (owners != null && owners.stream().anyMatch(o -> uid.equals(o.getUid()))) {
        return;
      }
      List<OwnerReference> withOurs = new ArrayList<>(owners == null ? List.of() : owners);
      withOurs.add(new OwnerReferenceBuilder().withApiVersion(submission.getApiVersion())
          .withKind(submission.getKind()).withName(submission.getMetadata().getName()).withUid(uid)
          .withBlockOwnerDeletion(false).build());
      // one merge patch of the list as read, carrying its resourceVersion: no second read, and no lost owner
      ConfigMap patch = new ConfigMapBuilder().withNewMetadata().withName(files.getMetadata().getName())
          .withNamespace(namespace).withResourceVersion(files.getMetadata().getResourceVersion())
          .withOwnerReferences(withOurs).endMetadata().build();
      client.configMaps().inNamespace(namespace).withName(files.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    /** Follows the Job of the current attempt to its outcome. */
    private Duration follow(String jobName) {
      String classKey = namespace + "/" + (classroom == null ? "" : classroom.getMetadata().getName());
      Job job = view.job(namespace, jobName);
      if (job == null) {
        // just created and not cached yet, or deleted: only the API server knows
        job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
        if (job == null) {
          queue.forget(classKey, jobName);
          // a status older than this reconcile's own last write would mistake a deleted earlier attempt for a loss
          Submission fresh = client.resource(submission).get();
          if (fresh == null || fresh.getStatus() == null || !jobName.equals(fresh.getStatus().jobName)
              || fresh.getStatus().phase != next.phase || !Objects.equals(fresh.getStatus().failureClass, next.failureClass)) {
            return StatusRecorder.STALE_RETRY;
          }
          return failed(JobOutcome.vanished(jobName), null);
        }
        return RECHECK;
      }
      queue.forget(classKey, jobName);
      Pod pod = view.podOf(job);
      JobOutcome outcome = JobOutcome.of(job, pod, now);
      switch (outcome.state()) {
        case SUSPENDED -> {
          next.phase = SubmissionPhase.Queued;
          next.message = kueueMessage(jobName);
          return null;
        }
        case RUNNING -> {
          if (next.phase != SubmissionPhase.Grading) {
            next.phase = SubmissionPhase.Grading;
            next.startedAt = now.toString();
            next.message = "grading in Job " + jobName;
          }
          return RECHECK;
        }
        case SUCCEEDED -> {
          return score(job, pod);
        }
        default -> {
          return failed(outcome, job);
        }
      }
    }

    private String kueueMessage(String jobName) {
      String queueName = classroom == null ? "?" : GradingJob.settings(classroom).queue;
      return "waiting for Kueue queue " + queueName + " to admit grading Job " + jobName;
    }

    private Duration score(Job job, Pod pod) {
      if (pod == null || assignment == null) {
        return failed(new JobOutcome(JobOutcome.State.RETRYABLE, "InfrastructureError",
            pod == null ? "the grading pod is gone before its result was read" : "the Assignment is gone"), job);
      }
      ScoreOutput output;
      try {
        String log = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).inContainer(GradingJob.SCORE)
            .limitBytes(ScoreOutput.LOG_LIMIT).getLog();
        ReleaseGradebook gradebook = gradebook(namespace, assignment.getMetadata().getName(), revisionOf(job));
        if (gradebook == null) {
          throw new InvalidGradingResultException("the gradebook Secret of the graded revision is gone");
        }
        output = ScoreOutput.parse(log, assignment.getMetadata().getName(), submission.getSpec().student, gradebook);
      } catch (InvalidGradingResultException e) {
        return failed(new JobOutcome(JobOutcome.State.RETRYABLE, "InfrastructureError", e.getMessage()), job);
      } catch (KubernetesClientException e) {
        if (interrupted(e)) {
          // the operator is stopping: the next leader reads this log again; recording a failure would grade twice
          throw e;
        }
        return failed(new JobOutcome(JobOutcome.State.RETRYABLE, "InfrastructureError",
            "the score container's log cannot be read (HTTP " + e.getCode() + ")"), job);
      }
      Lateness lateness = lateness();
      double raw = output.result().rawScore();
      double penalty = lateness.penalty(raw);
      String feedback = submission.getMetadata().getName() + "-feedback";
      FeedbackConfigMap.write(client, submission, feedback, output.feedback());
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
      String started = job.getStatus() == null ? null : job.getStatus().getStartTime();
      Duration took = Duration.between(started == null ? now : Instant.parse(started), now);
      recorded.add(() -> {
        metrics.outcome("graded");
        metrics.graded(took);
      });
      return null;
    }

    /**
     * Counts the student's Review of the assignment in this Graded status (a regrade keeps a person's grades where
     * the answer is unchanged); nothing to do, and no read, for a student nobody graded by hand.
     */
    private void countReview() {
      Review review = assignment == null ? null
          : view.review(namespace, assignment.getMetadata().getName(), submission.getSpec().student);
      if (review == null && !ReviewFold.carriesGrades(next)) {
        return;
      }
      Lateness lateness = lateness();
      int dropped = ReviewFold.fold(next, submission.getMetadata().getName(), review, this::answersOf,
          lateness::penalty);
      next.message = gradedMessage(next, dropped);
    }

    private Map<String, String> answersOf(String name) {
      String revision = assignment.getStatus() == null ? null : assignment.getStatus().releasedRevision;
      return answers.of(view.submission(namespace, name),
          revision == null ? null : gradebook(namespace, assignment.getMetadata().getName(), revision));
    }

    private Lateness lateness() {
      try {
        return Lateness.of(assignment, Instant.parse(submission.getMetadata().getCreationTimestamp()));
      } catch (IllegalArgumentException e) {
        return new Lateness(0, null, 0, 0);
      }
    }

    /** A final failure, or another attempt after the backoff while retries remain. */
    private Duration failed(JobOutcome outcome, Job job) {
      int attempt = next.attempts == null ? 1 : next.attempts;
      int retries = classroom == null || GradingJob.settings(classroom).retries == null ? 3 : GradingJob.settings(classroom).retries;
      // a stuck attempt (an image that never pulls) holds a slot until deleted; a finished one is left to its TTL
      if (outcome.retryable() && job != null && !GradingView.finished(job)) {
        client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
      }
      next.failureClass = outcome.failureClass();
      if (outcome.retryable() && attempt <= retries) {
        Duration backoff = settings.retryBackoff().multipliedBy(1L << Math.min(20, attempt - 1));
        next.phase = SubmissionPhase.Queued;
        next.queuedAt = now.plus(backoff).toString();
        next.message = "attempt " + attempt + " failed (" + outcome.failureClass() + ": " + outcome.detail()
            + "); trying again in " + backoff.toMillis() / 1000.0 + "s";
        return backoff;
      }
      next.phase = SubmissionPhase.Failed;
      next.completedAt = now.toString();
      next.message = outcome.failureClass() + ": " + outcome.detail()
          + (outcome.retryable() ? " (after " + attempt + " attempts)" : "");
      recorded.add(() -> metrics.outcome(outcome.failureClass()));
      return null;
    }
  }

  /** What a grading Job is built from, besides the resources themselves. */
  private record Inputs(String revision, List<String> releaseConfigMaps, List<String> notebooks) {}

  /** One line for the student: the score, the late penalty, what waits for a person and which grades no longer count. */
  static String gradedMessage(SubmissionStatus status, int dropped) {
    double penalty = status.latePenalty == null ? 0 : status.latePenalty;
    boolean graded = status.results.stream().anyMatch(r -> r.manualScore != null);
    return "graded: " + points(status.score) + "/" + points(status.maxScore)
        + (penalty > 0 ? " after a late penalty of " + points(penalty) : "")
        + (Boolean.TRUE.equals(status.needsManualGrade) ? "; some answers wait for a person to grade them"
            : graded ? "; some cells graded by hand" : "")
        + (dropped == 0 ? "" : "; " + dropped + (dropped == 1 ? " grade" : " grades")
            + " given by hand no longer count" + (dropped == 1 ? "s" : "") + " (see the results' gradeDropped)");
  }

  private static String points(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String revisionOf(Job job) {
    return job.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> "gradebook".equals(v.getName()))
        .map(v -> v.getSecret().getSecretName()).map(name -> name.substring(name.lastIndexOf('-') + 1)).findFirst().orElse("");
  }

  /** The gradebook rows the operator stored at release; null when the Secret is missing or unreadable. */
  private ReleaseGradebook gradebook(String namespace, String assignment, String revision) {
    return gradebooks.get(namespace, assignment, revision, () -> readGradebook(namespace, assignment, revision));
  }

  private ReleaseGradebook readGradebook(String namespace, String assignment, String revision) {
    Secret secret = client.secrets().inNamespace(namespace).withName(GradingJob.gradebookSecret(assignment, revision)).get();
    if (secret == null || secret.getData() == null || secret.getData().get("gradebook.json") == null) {
      return null;
    }
    try {
      Map<String, ReleaseGradebook> rows = JSON.readValue(Base64.getDecoder().decode(secret.getData().get("gradebook.json")),
          new TypeReference<Map<String, ReleaseGradebook>>() { });
      return rows.get(assignment);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
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
