package dev.tito.operator.grading;

import dev.tito.api.submission.Submission;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.ArrayList;
import java.util.List;

/** Performs a grading decision's actions: the writes before its status, the meters and wake-ups after it. */
final class SubmissionActor {
  private final KubernetesClient client;
  private final GradingQueue queue;
  private final GradingMetrics metrics;
  private final GradingView view;
  private final SimpleInboundEventSource<Submission> queueTurns;

  SubmissionActor(
      KubernetesClient client,
      GradingQueue queue,
      GradingMetrics metrics,
      GradingView view,
      SimpleInboundEventSource<Submission> queueTurns) {
    this.client = client;
    this.queue = queue;
    this.metrics = metrics;
    this.view = view;
    this.queueTurns = queueTurns;
  }

  /** Performs the actions that come before the status write, in order; returns those to run once it is written. */
  List<Runnable> beforeStatus(List<GradingAction> actions) {
    List<Runnable> after = new ArrayList<>();
    for (GradingAction action : actions) {
      if (action.afterStatus()) {
        after.add(() -> announce(action));
      } else if (action instanceof GradingAction.CreateJob create) {
        if (create(create) && create.sinceSubmission() != null) {
          after.add(() -> metrics.jobCreated(create.sinceSubmission()));
        }
      } else if (action instanceof GradingAction.DeleteJob delete) {
        client
            .resource(delete.job())
            .withPropagationPolicy(DeletionPropagation.BACKGROUND)
            .delete();
      } else if (action instanceof GradingAction.WriteFeedback feedback) {
        FeedbackConfigMap.write(client, feedback.page());
      } else if (action instanceof GradingAction.OwnFiles own) {
        client
            .configMaps()
            .inNamespace(own.patch().getMetadata().getNamespace())
            .withName(own.patch().getMetadata().getName())
            .patch(PatchContext.of(PatchType.JSON_MERGE), own.patch());
      } else if (action instanceof GradingAction.ForgetReservation forget) {
        queue.forget(forget.classroom(), forget.job());
      }
    }
    return after;
  }

  /** Whether this call created the Job (false: it existed, made by an earlier life of the operator). */
  private boolean create(GradingAction.CreateJob create) {
    try {
      client.resource(create.job()).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        queue.forget(create.classroom(), create.job().getMetadata().getName());
        throw e;
      }
      return false;
    }
  }

  private void announce(GradingAction action) {
    if (action instanceof GradingAction.WakeQueueHeads wake) {
      // only those showing a position need a look; waking every head on each admission is quadratic
      // in a burst
      view.queueHeads(wake.namespace(), wake.classroom()).stream()
          .filter(head -> !head.getName().equals(wake.except()))
          .filter(view::showsPosition)
          .forEach(queueTurns::propagateEvent);
    } else if (action instanceof GradingAction.CountOutcome outcome) {
      metrics.outcome(outcome.outcome());
    } else if (action instanceof GradingAction.TimeGrading timing) {
      metrics.graded(timing.took());
    }
  }
}
