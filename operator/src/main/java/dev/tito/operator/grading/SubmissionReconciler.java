package dev.tito.operator.grading;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.review.Review;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.classroom.RosterReader;
import dev.tito.operator.cluster.Jobs;
import dev.tito.operator.events.ConditionEvents;
import dev.tito.operator.events.ServerRefusal;
import dev.tito.operator.status.Conditions;
import dev.tito.operator.status.StatusRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grades each Submission once in a Job of docs/grading-jobs.md, as observe, decide, act: {@link SubmissionObserver}
 * gathers what the decision needs, {@link SubmissionDecision} (pure) makes the next status and its actions,
 * {@link SubmissionActor} performs them and {@link StatusRecorder} writes the status once.
 */
// status events count too: the reconcile after this operator's own status write sees it and sets
// the next wake-up
@ControllerConfiguration(
    name = "submission",
    generationAwareEventProcessing = false,
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class SubmissionReconciler implements Reconciler<Submission> {
  private static final String RECONCILE_ERROR = "ReconcileError";
  private static final Logger LOG = LoggerFactory.getLogger(SubmissionReconciler.class);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Clock clock;
  private final GradingSettings settings;
  private final StatusRecorder<Submission, SubmissionStatus> recorder;
  private final GradingView view;
  private final SubmissionObserver observer;
  private final SubmissionActor actor;

  /** Reconciles of queued submissions whose turn or position changed. */
  private final SimpleInboundEventSource<Submission> queueTurns =
      new SimpleInboundEventSource<>("grading-queue");

  public SubmissionReconciler(
      KubernetesClient client, GradingSettings settings, MeterRegistry registry, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.view = new GradingView(client, clock);
    GradingQueue queue = new GradingQueue();
    GradingMetrics metrics = new GradingMetrics(registry, queue);
    this.observer =
        new SubmissionObserver(
            client,
            view,
            queue,
            metrics,
            new RosterIds(new RosterReader(client)),
            new StoredReleases(client),
            new SubmittedAnswers(client));
    this.actor = new SubmissionActor(client, queue, metrics, view, queueTurns);
    this.recorder =
        new StatusRecorder<>(
            client,
            new ConditionEvents(
                client,
                (old, now) ->
                    ConditionEvents.isFalse(now)
                        && (old == null || ConditionEvents.statusOrReasonChanged(old, now))),
            status -> status.conditions);
  }

  @Override
  public List<EventSource<?, Submission>> prepareEventSources(
      EventSourceContext<Submission> context) {
    var jobs = jobEvents(context);
    var pods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, Submission.class)
                .withName("grading-pods")
                .withLabelSelector(GradingJob.SELECTOR)
                .withSecondaryToPrimaryMapper(GradingView::bySubmissionLabel)
                .build(),
            context);
    var assignments = assignmentEvents(context);
    var classrooms = classroomEvents(context);
    // a person's grades: each change is counted in the student's Submissions of that assignment
    var reviews =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Review.class, Submission.class)
                .withName("reviews")
                .withSecondaryToPrimaryMapper(view::ofReview)
                .build(),
            context);
    GradingView.index(context.getPrimaryCache(), jobs, pods);
    view.attach(context.getPrimaryCache(), jobs, pods, assignments, classrooms, reviews);
    return List.of(jobs, pods, assignments, classrooms, reviews, queueTurns);
  }

  /** A grading Job's change wakes its submission, and a finished one its class's queue heads. */
  private InformerEventSource<Job, Submission> jobEvents(EventSourceContext<Submission> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Job.class, Submission.class)
            .withName("grading-jobs")
            .withLabelSelector(GradingJob.SELECTOR)
            .withSecondaryToPrimaryMapper(this::wokenByJob)
            .build(),
        context);
  }

  private Set<ResourceID> wokenByJob(Job job) {
    Set<ResourceID> targets = new HashSet<>(GradingView.bySubmissionLabel(job));
    // a finished Job frees a slot: the class's queue heads get their turn now, not at the next
    // resync
    if (Jobs.finished(job)) {
      String classroom = GradingView.label(job, ClassroomLabels.CLASSROOM);
      if (classroom != null) {
        targets.addAll(view.queueHeads(job.getMetadata().getNamespace(), classroom));
      }
    }
    return targets;
  }

  /** An Assignment wakes its submissions only when its spec or released revision changes. */
  private InformerEventSource<Assignment, Submission> assignmentEvents(
      EventSourceContext<Submission> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Assignment.class, Submission.class)
            .withName("assignments")
            .withSecondaryToPrimaryMapper(view::ofAssignment)
            // the counts it sums up of submissions change with every one graded
            .withOnUpdateFilter(
                (now, before) ->
                    !Objects.equals(
                            now.getMetadata().getGeneration(), before.getMetadata().getGeneration())
                        || !Objects.equals(releasedRevision(now), releasedRevision(before)))
            .build(),
        context);
  }

  /** A Classroom wakes its queue heads only when its spec (maxConcurrent) changes. */
  private InformerEventSource<Classroom, Submission> classroomEvents(
      EventSourceContext<Submission> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Classroom.class, Submission.class)
            .withName("classrooms")
            // its status follows the students' servers
            .withOnUpdateFilter(
                (now, before) ->
                    !Objects.equals(
                        now.getMetadata().getGeneration(), before.getMetadata().getGeneration()))
            .withSecondaryToPrimaryMapper(
                (SecondaryToPrimaryMapper<Classroom>)
                    classroom ->
                        view.queueHeads(
                            classroom.getMetadata().getNamespace(),
                            classroom.getMetadata().getName()))
            .build(),
        context);
  }

  private static String releasedRevision(Assignment assignment) {
    return assignment.getStatus() == null ? null : assignment.getStatus().releasedRevision;
  }

  @Override
  public UpdateControl<Submission> reconcile(Submission submission, Context<Submission> context) {
    Instant now = clock.instant();
    SubmissionObservation seen = observer.observe(submission, now);
    SubmissionDecision.Decision decision =
        SubmissionDecision.decide(submission, seen, now, settings);
    List<Runnable> afterStatus = actor.beforeStatus(decision.actions());
    if (recorder.record(submission, decision.status(), context, now)
        == StatusRecorder.Outcome.STALE) {
      // the cache lags this operator's own last write: decide again on the newer copy (a created
      // Job is adopted by name)
      return UpdateControl.<Submission>noUpdate().rescheduleAfter(StatusRecorder.STALE_RETRY);
    }
    afterStatus.forEach(Runnable::run);
    UpdateControl<Submission> control = UpdateControl.noUpdate();
    return decision.requeue() == null ? control : control.rescheduleAfter(decision.requeue());
  }

  /**
   * What the operator cannot get past by itself (a refusal by RBAC, admission or a quota) is shown on the Submission
   * and told in a Warning event, while the reconcile is retried with backoff.
   */
  @Override
  public ErrorStatusUpdateControl<Submission> updateErrorStatus(
      Submission submission, Context<Submission> context, Exception e) {
    SubmissionStatus before =
        submission.getStatus() == null ? new SubmissionStatus() : submission.getStatus();
    String message = "grading is held up: " + ServerRefusal.describe(e);
    if (before.conditions != null
        && before.conditions.stream()
            .anyMatch(
                c -> RECONCILE_ERROR.equals(c.getReason()) && message.equals(c.getMessage()))) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    SubmissionStatus next = SERIALIZATION.clone(before);
    next.phase = next.phase == null ? SubmissionPhase.Queued : next.phase;
    next.message = message;
    next.conditions =
        List.of(
            Conditions.of(
                SubmissionConditions.GRADED,
                "False",
                RECONCILE_ERROR,
                message,
                submission.getMetadata().getGeneration(),
                before.conditions,
                clock.instant()));
    try {
      recorder.record(submission, next, context, clock.instant());
    } catch (KubernetesClientException refused) {
      LOG.warn(
          "could not show the error on Submission {}/{}: {}",
          submission.getMetadata().getNamespace(),
          submission.getMetadata().getName(),
          ServerRefusal.describe(refused));
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }
}
