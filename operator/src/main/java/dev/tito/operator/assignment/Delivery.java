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
  private final String jobImage;
  private final int concurrency;

  /**
   * @param jobImage image of the delivery Jobs' {@code tito job deliver}; null: nothing is delivered
   * @param concurrency delivery Jobs of one Assignment running at once
   */
  Delivery(KubernetesClient client, AssignmentInformers informers, String jobImage, int concurrency) {
    this.client = client;
    this.informers = informers;
    this.rosters = new RosterReader(client);
    this.jobImage = jobImage;
    this.concurrency = concurrency;
  }

  /**
   * Records finished delivery Jobs in the ledger (one write), then deletes them, then starts the next ones; returns
   * when a failed delivery is retried, or null.
   */
  Duration deliver(Assignment assignment, Classroom classroom, String revision, List<String> releaseConfigMaps,
      Context<Assignment> context, AssignmentConditions status, Instant now) {
    if (classroom == null) {
      status.notDelivered("ClassroomNotFound", "revision " + revision + " is delivered to nobody: no Classroom '"
          + assignment.getSpec().classroom + "'");
      return null;
    }
    if (releaseConfigMaps.isEmpty()) {
      // a Job without them would record an empty delivery
      status.notDelivered("ReleaseNotStored", "the release ConfigMaps of revision " + revision
          + " are gone; publish the source again (spec.sourceSecret) to store and deliver it");
      return null;
    }
    String ledgerName = DeliveryLedger.name(assignment);
    ConfigMap storedLedger = context.getSecondaryResources(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(ledgerName)).findFirst().orElse(null);
    Roster roster = rosters.read(classroom);
    Set<Job> jobs = context.getSecondaryResources(Job.class);
    DeliveryLedger ledger;
    DeliveryPlan plan;
    for (int attempt = 1; ; attempt++) {
      ledger = DeliveryLedger.of(storedLedger, revision);
      plan = DeliveryPlan.of(ledger, roster, jobs, now, concurrency);
      if (!ledger.changed()) {
        break;
      }
      try {
        ConfigMap written = storedLedger == null ? client.resource(ledger.toConfigMap(assignment)).create()
            : client.resource(ledger.toConfigMap(assignment)).update();
        informers.wrote(assignment, written, storedLedger);
        break;
      } catch (KubernetesClientException e) {
        if (e.getCode() != CONFLICT || attempt == WRITE_ATTEMPTS) {
          throw e;
        }
        // the cached ledger was behind the last write: plan again from the stored one
        storedLedger = client.configMaps().inNamespace(assignment.getMetadata().getNamespace()).withName(ledgerName).get();
      }
    }
    for (Job job : plan.deletions()) {
      client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
    String namespace = assignment.getMetadata().getNamespace();
    String classroomName = classroom.getMetadata().getName();
    for (DeliveryPlan.NewJob next : plan.creations()) {
      Job job = DeliveryJob.desired(assignment, classroom, revision, releaseConfigMaps, next.student(), next.attempt(),
          informers.serverRunning(namespace, classroomName, next.student()), jobImage);
      Job created = CreateOnce.create(client, job);
      if (created != null) {
        informers.created(assignment, created);
      }
    }
    status.delivered(ledger.students().size(), plan.outcome());
    return plan.retryIn();
  }
}
