package dev.tito.operator.assignment;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.operator.classroom.Roster;
import dev.tito.operator.classroom.RosterReader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** One reconcile's delivery of the released revision to the Classroom's students: see docs/assignments.md. */
final class Delivery {
  private static final int CONFLICT = 409;
  private static final int WRITE_ATTEMPTS = 3;

  private final KubernetesClient client;
  private final AssignmentInformers informers;
  private final RosterReader rosters;
  private final InstructorReads reads;
  private final String jobImage;
  private final int concurrency;

  /**
   * @param jobImage image of the delivery Jobs' {@code tito job deliver}; null: nothing is delivered
   * @param concurrency delivery Jobs of one Assignment running at once
   */
  Delivery(
      KubernetesClient client,
      AssignmentInformers informers,
      InstructorReads reads,
      String jobImage,
      int concurrency) {
    this.client = client;
    this.informers = informers;
    this.rosters = new RosterReader(client);
    this.reads = reads;
    this.jobImage = jobImage;
    this.concurrency = concurrency;
  }

  /**
   * Records finished delivery Jobs in the ledger (one write), then deletes them, then starts the next ones; returns
   * when a failed delivery is retried, or null.
   */
  Duration deliver(
      Assignment assignment,
      Classroom classroom,
      String revision,
      List<String> releaseConfigMaps,
      Context<Assignment> context,
      AssignmentConditions status,
      Instant now) {
    if (classroom == null) {
      status.notDelivered(
          "ClassroomNotFound",
          "revision "
              + revision
              + " is delivered to nobody: no Classroom '"
              + assignment.getSpec().classroom
              + "'");
      return null;
    }
    if (releaseConfigMaps.isEmpty()) {
      // a Job without them would record an empty delivery
      status.notDelivered(
          "ReleaseNotStored",
          "the release ConfigMaps of revision "
              + revision
              + " are gone; publish the source again (spec.sourceSecret) to store and deliver it");
      return null;
    }
    Planned planned = recordFinished(assignment, classroom, revision, context, now);
    for (Job job : planned.plan().deletions()) {
      client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
    startNext(assignment, classroom, revision, releaseConfigMaps, planned.plan());
    status.delivered(planned.ledger().students().size(), planned.plan().outcome());
    return planned.plan().retryIn();
  }

  private record Planned(DeliveryLedger ledger, DeliveryPlan plan) {}

  /** The ledger with the finished Jobs recorded (written once, planned again on a conflict), and its plan. */
  private Planned recordFinished(
      Assignment assignment,
      Classroom classroom,
      String revision,
      Context<Assignment> context,
      Instant now) {
    String ledgerName = DeliveryLedger.name(assignment);
    ConfigMap storedLedger =
        context.getSecondaryResources(ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().equals(ledgerName))
            .findFirst()
            .orElse(null);
    Roster roster = reads.roster(classroom, now, () -> rosters.read(classroom));
    Set<Job> jobs = context.getSecondaryResources(Job.class);
    for (int attempt = 1; ; attempt++) {
      DeliveryLedger ledger = DeliveryLedger.of(storedLedger, revision);
      DeliveryPlan plan = DeliveryPlan.of(ledger, roster, jobs, now, concurrency);
      if (!ledger.changed()) {
        return new Planned(ledger, plan);
      }
      try {
        ConfigMap written =
            storedLedger == null
                ? client.resource(ledger.toConfigMap(assignment)).create()
                : client.resource(ledger.toConfigMap(assignment)).update();
        informers.wrote(assignment, written, storedLedger);
        return new Planned(ledger, plan);
      } catch (KubernetesClientException e) {
        if (e.getCode() != CONFLICT || attempt == WRITE_ATTEMPTS) {
          throw e;
        }
        // the cached ledger was behind the last write: plan again from the stored one
        storedLedger =
            client
                .configMaps()
                .inNamespace(assignment.getMetadata().getNamespace())
                .withName(ledgerName)
                .get();
      }
    }
  }

  private void startNext(
      Assignment assignment,
      Classroom classroom,
      String revision,
      List<String> releaseConfigMaps,
      DeliveryPlan plan) {
    String namespace = assignment.getMetadata().getNamespace();
    String classroomName = classroom.getMetadata().getName();
    for (DeliveryPlan.NewJob next : plan.creations()) {
      Job job =
          DeliveryJob.desired(
              assignment,
              classroom,
              revision,
              releaseConfigMaps,
              next.student(),
              next.attempt(),
              informers.serverRunning(namespace, classroomName, next.student()),
              jobImage);
      Job created = CreateOnce.create(client, job);
      if (created != null) {
        informers.created(assignment, created);
      }
    }
  }
}
