package dev.tito.operator.assignment;

import dev.tito.operator.events.ConditionEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentStatus;
import dev.tito.api.classroom.Classroom;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import dev.tito.api.submission.Submission;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.classroom.Roster;
import dev.tito.operator.classroom.RosterReader;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import java.util.concurrent.TimeUnit;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validates an Assignment's source with the quality gates of {@code tito module validate}, stores the student release
 * of each new source revision (and the gradebook rows, in a Secret), marks it released at {@code releaseAt}, delivers
 * the released revision into every student's home with one Job each, and sums up the Assignment's Submissions.
 */
// the source Secret is the instructor's (not labelled, so not watched): a spec change or this interval picks up its edits
@ControllerConfiguration(name = "assignment", maxReconciliationInterval = @MaxReconciliationInterval(interval = 1, timeUnit = TimeUnit.MINUTES))
public class AssignmentReconciler implements Reconciler<Assignment> {
  static final Duration RETRY = Duration.ofSeconds(30);
  private static final int LISTED_FINDINGS = 3;
  private static final int MESSAGE_LIMIT = 1024;
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final KubernetesClient client;
  private final ConditionEvents events;
  private final Clock clock;
  private final String jobImage;
  private final int deliveryConcurrency;
  private final AssignmentInformers informers = new AssignmentInformers();
  private final BuiltRevisions builds = new BuiltRevisions();

  /**
   * @param jobImage image of the delivery Jobs' {@code tito job deliver}; null: nothing is delivered
   * @param deliveryConcurrency delivery Jobs of one Assignment running at once
   */
  public AssignmentReconciler(KubernetesClient client, Clock clock, String jobImage, int deliveryConcurrency) {
    this.client = client;
    this.events = new ConditionEvents(client, (old, now) -> old == null || ConditionEvents.statusOrReasonChanged(old, now));
    this.clock = clock;
    this.jobImage = jobImage;
    this.deliveryConcurrency = deliveryConcurrency;
  }

  @Override
  public List<EventSource<?, Assignment>> prepareEventSources(EventSourceContext<Assignment> context) {
    return informers.prepare(context);
  }

  @Override
  public UpdateControl<Assignment> reconcile(Assignment assignment, Context<Assignment> context) {
    Instant now = clock.instant();
    String namespace = assignment.getMetadata().getNamespace();
    AssignmentConditions status = new AssignmentConditions(assignment, now);
    Duration requeue = null;
    // observe
    Instant releaseAt = releaseAt(assignment);
    AssignmentSource source = AssignmentSource.read(client, namespace, assignment.getSpec().sourceSecret);
    Classroom classroom = context.getSecondaryResource(Classroom.class).orElse(null);
    Map<String, HasMetadata> stored = new HashMap<>();
    context.getSecondaryResources(ConfigMap.class).forEach(c -> stored.put("ConfigMap/" + c.getMetadata().getName(), c));
    context.getSecondaryResources(Secret.class).forEach(s -> stored.put("Secret/" + s.getMetadata().getName(), s));
    String built = null;
    List<String> builtConfigMaps = List.of();
    if (source == null) {
      String message = "no Secret or ConfigMap '" + assignment.getSpec().sourceSecret + "' in namespace " + namespace
          + " (spec.sourceSecret)";
      status.validated(false, "SourceNotFound", message);
      status.released(false, "SourceNotFound", message);
      requeue = RETRY;
    } else {
      // validate
      String revision = source.revision();
      ModuleBuild.Outcome build = builds.of(namespace + "/" + assignment.getMetadata().getName(), revision, source.files());
      if (!build.passed()) {
        status.validated(false, "GateErrors", summary(source, build.findings()));
        status.released(false, "GateErrors", "nothing is released while the source fails the quality gates");
      } else {
        status.validated(true, "GatesPassed", source.from() + ": " + build.findings().size() + " warnings");
        status.maxPoints(build.maxPoints());
        // reconcile: store this revision; others go once it is released (until then students keep the previous one)
        built = revision;
        builtConfigMaps = store(assignment, revision, build, stored);
        if (classroom == null) {
          status.released(false, "ClassroomNotFound", "no Classroom '" + assignment.getSpec().classroom + "' in namespace "
              + namespace + " (spec.classroom)");
          requeue = RETRY;
        } else if (releaseAt == null && assignment.getSpec().releaseAt != null) {
          status.released(false, "InvalidReleaseAt", "spec.releaseAt '" + assignment.getSpec().releaseAt
              + "' is not an RFC 3339 time");
        } else if (releaseAt != null && releaseAt.isAfter(now)) {
          status.released(false, "Scheduled", "revision " + revision + " is released at " + releaseAt);
          requeue = Duration.between(now, releaseAt).plusMillis(100);
        } else {
          status.released(true, "Released", "revision " + revision + " released");
          status.releasedRevision(revision);
          removeOtherRevisions(revision, stored.values());
        }
      }
    }
    String released = status.releasedRevision();
    if (released != null) {
      List<String> releaseConfigMaps = released.equals(built) ? builtConfigMaps : storedConfigMaps(released, stored.values());
      requeue = earliest(requeue, deliver(assignment, classroom, released, releaseConfigMaps, context, status, now));
    }
    status.submissions(SubmissionTally.of(context.getSecondaryResources(Submission.class), assignment.getSpec().regrade,
        assignment.getStatus() == null ? null : assignment.getStatus().regradedRound));
    AssignmentStatus after = status.build();
    events.changes(assignment, assignment.getStatus() == null ? null : assignment.getStatus().conditions,
        after.conditions, now);
    UpdateControl<Assignment> control;
    if (JSON.valueToTree(after).equals(JSON.valueToTree(assignment.getStatus() == null ? new AssignmentStatus()
        : assignment.getStatus()))) {
      control = UpdateControl.noUpdate();
    } else {
      assignment.setStatus(after);
      control = UpdateControl.patchStatus(assignment);
    }
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }

  /**
   * Records finished delivery Jobs in the ledger (one write), then deletes them, then starts the next ones; returns
   * when a failed delivery is retried, or null.
   */
  private Duration deliver(Assignment assignment, Classroom classroom, String revision, List<String> releaseConfigMaps,
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
    if (jobImage == null) {
      status.notDelivered("NoJobImage", "the operator's setting " + OperatorConfig.JOB_IMAGE
          + " is empty, so no delivery Job can be created");
      return null;
    }
    String ledgerName = DeliveryLedger.name(assignment);
    ConfigMap storedLedger = context.getSecondaryResources(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(ledgerName)).findFirst().orElse(null);
    DeliveryLedger ledger = DeliveryLedger.of(storedLedger, revision);
    Roster roster = new RosterReader(client).read(classroom);
    DeliveryPlan plan = DeliveryPlan.of(ledger, roster, context.getSecondaryResources(Job.class), now, deliveryConcurrency);
    if (ledger.changed()) {
      ConfigMap written = storedLedger == null ? client.resource(ledger.toConfigMap(assignment)).create()
          : client.resource(ledger.toConfigMap(assignment)).update();
      informers.wrote(assignment, written, storedLedger);
    }
    for (Job job : plan.deletions()) {
      client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
    String namespace = assignment.getMetadata().getNamespace();
    String classroomName = classroom.getMetadata().getName();
    for (DeliveryPlan.NewJob next : plan.creations()) {
      Job job = DeliveryJob.desired(assignment, classroom, revision, releaseConfigMaps, next.student(), next.attempt(),
          informers.serverRunning(namespace, classroomName, next.student()), jobImage);
      Job created = createIfAbsent(job);
      if (created != null) {
        informers.created(assignment, created);
      }
    }
    status.delivered(ledger.students().size(), plan.outcome());
    return plan.retryIn();
  }

  /** Creates the revision's objects that are not stored yet (their names carry the revision, so they never change). */
  private List<String> store(Assignment assignment, String revision, ModuleBuild.Outcome build,
      Map<String, HasMetadata> stored) {
    byte[] gradebook;
    try {
      gradebook = JSON.writeValueAsBytes(ReleaseGradebook.wrap(assignment.getMetadata().getName(), build.gradebook()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the gradebook first: a release is never visible without the rows that grade it
    Secret secret = ReleaseObjects.gradebookSecret(assignment, revision, gradebook);
    if (!stored.containsKey("Secret/" + secret.getMetadata().getName())) {
      createIfAbsent(secret);
    }
    List<ConfigMap> desired = ReleaseObjects.releaseConfigMaps(assignment, revision, build.studentFiles());
    for (ConfigMap configMap : desired) {
      if (!stored.containsKey("ConfigMap/" + configMap.getMetadata().getName())) {
        createIfAbsent(configMap);
      }
    }
    return desired.stream().map(c -> c.getMetadata().getName()).toList();
  }

  /** The created object, or null when it already existed. */
  private <T extends HasMetadata> T createIfAbsent(T object) {
    try {
      return client.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      return null;
    }
  }

  /** Deletes the stored objects of any other revision; the ledger, which has no revision label, stays. */
  private void removeOtherRevisions(String revision, Collection<HasMetadata> stored) {
    for (HasMetadata object : stored) {
      String other = object.getMetadata().getLabels().get(ReleaseObjects.REVISION);
      if (other != null && !other.equals(revision)) {
        client.resource(object).delete();
      }
    }
  }

  /** The release ConfigMaps of a revision stored before (not built by this reconcile), in index order. */
  private static List<String> storedConfigMaps(String revision, Collection<HasMetadata> stored) {
    return stored.stream()
        .filter(o -> o instanceof ConfigMap && revision.equals(o.getMetadata().getLabels().get(ReleaseObjects.REVISION)))
        .map(o -> o.getMetadata().getName())
        .sorted(Comparator.comparingInt((String name) -> Integer.parseInt(name.substring(name.lastIndexOf('-') + 1))))
        .toList();
  }

  private static Duration earliest(Duration a, Duration b) {
    return a == null ? b : b == null || a.compareTo(b) <= 0 ? a : b;
  }

  /** Bounded: the first few errors and how many findings there are in all. */
  private static String summary(AssignmentSource source, List<Finding> findings) {
    List<Finding> errors = findings.stream().filter(Finding::isError).toList();
    String listed = errors.stream().limit(LISTED_FINDINGS).map(Finding::describe).collect(Collectors.joining("; "));
    String message = source.from() + ": " + errors.size() + " errors, " + (findings.size() - errors.size())
        + " warnings: " + listed + (errors.size() > LISTED_FINDINGS ? "; ..." : "");
    return message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT - 3) + "..." : message;
  }

  private static Instant releaseAt(Assignment assignment) {
    String text = assignment.getSpec().releaseAt;
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
