package dev.tito.operator.assignment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentStatus;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.operator.cluster.ReleaseNames;
import dev.tito.operator.cluster.Timestamps;
import dev.tito.operator.events.ConditionEvents;
import dev.tito.operator.status.StatusRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Validates an Assignment's source with the quality gates of {@code tito module validate}, stores the student release
 * of each new source revision (and the gradebook rows, in a Secret), marks it released at {@code releaseAt}, delivers
 * the released revision into every student's home with one Job each, and sums up the Assignment's Submissions.
 */
// the source Secret is the instructor's (not labelled, so not watched): a spec change or this
// interval picks up its edits
@ControllerConfiguration(
    name = "assignment",
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 1, timeUnit = TimeUnit.MINUTES))
public class AssignmentReconciler implements Reconciler<Assignment> {
  static final Duration RETRY = Duration.ofSeconds(30);
  private static final int LISTED_FINDINGS = 3;
  private static final int MESSAGE_LIMIT = 1024;
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final KubernetesClient client;
  private final StatusRecorder<Assignment, AssignmentStatus> recorder;
  private final Clock clock;
  private final AssignmentInformers informers = new AssignmentInformers();
  private final Delivery delivery;
  private final BuiltRevisions builds = new BuiltRevisions();
  private final InstructorReads reads = new InstructorReads();
  private final TallyPace tallies = new TallyPace();

  /**
   * @param jobImage image of the delivery Jobs' {@code tito job deliver}; null: nothing is delivered
   * @param deliveryConcurrency delivery Jobs of one Assignment running at once
   */
  public AssignmentReconciler(
      KubernetesClient client, Clock clock, String jobImage, int deliveryConcurrency) {
    this.client = client;
    this.recorder =
        new StatusRecorder<>(
            client,
            new ConditionEvents(
                client,
                (old, now) -> old == null || ConditionEvents.statusOrReasonChanged(old, now)),
            status -> status.conditions);
    this.clock = clock;
    this.delivery = new Delivery(client, informers, reads, jobImage, deliveryConcurrency);
  }

  @Override
  public List<EventSource<?, Assignment>> prepareEventSources(
      EventSourceContext<Assignment> context) {
    return informers.prepare(context);
  }

  @Override
  public UpdateControl<Assignment> reconcile(Assignment assignment, Context<Assignment> context) {
    Instant now = clock.instant();
    AssignmentConditions status = new AssignmentConditions(assignment, now);
    // observe
    AssignmentSource source =
        reads.source(
            assignment,
            now,
            () ->
                AssignmentSource.read(
                    client,
                    assignment.getMetadata().getNamespace(),
                    assignment.getSpec().sourceSecret));
    Classroom classroom = context.getSecondaryResource(Classroom.class).orElse(null);
    Map<String, HasMetadata> stored = storedObjects(context);
    Built built =
        source == null
            ? sourceNotFound(assignment, status)
            : validateAndStore(assignment, source, classroom, status, stored, now);
    Duration requeue = built.requeue();
    String released = status.releasedRevision();
    if (released != null) {
      List<String> releaseConfigMaps =
          released.equals(built.revision())
              ? built.configMaps()
              : storedConfigMaps(released, stored.values());
      requeue =
          earliest(
              requeue,
              delivery.deliver(
                  assignment, classroom, released, releaseConfigMaps, context, status, now));
    }
    status.submissions(
        SubmissionTally.of(
            context.getSecondaryResources(Submission.class),
            assignment.getSpec().regrade,
            assignment.getStatus() == null ? null : assignment.getStatus().regradedRound));
    AssignmentStatus after = status.build();
    Duration held = tallies.hold(assignment, after, now);
    if (held != null) {
      return UpdateControl.<Assignment>noUpdate().rescheduleAfter(earliest(requeue, held));
    }
    // the whole status, under optimistic locking: counts computed from a stale copy are refused and
    // counted again
    StatusRecorder.Outcome outcome = recorder.record(assignment, after, context, now);
    if (outcome == StatusRecorder.Outcome.STALE) {
      return UpdateControl.<Assignment>noUpdate().rescheduleAfter(StatusRecorder.STALE_RETRY);
    }
    if (outcome == StatusRecorder.Outcome.WRITTEN) {
      tallies.written(assignment, now);
    }
    UpdateControl<Assignment> control = UpdateControl.noUpdate();
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }

  /** What this reconcile stored: the revision built (null if none), its ConfigMaps, when to look again. */
  private record Built(String revision, List<String> configMaps, Duration requeue) {}

  /** The stored release and gradebook objects from the caches, by kind and name. */
  private static Map<String, HasMetadata> storedObjects(Context<Assignment> context) {
    Map<String, HasMetadata> stored = new HashMap<>();
    context
        .getSecondaryResources(ConfigMap.class)
        .forEach(c -> stored.put("ConfigMap/" + c.getMetadata().getName(), c));
    context
        .getSecondaryResources(Secret.class)
        .forEach(s -> stored.put("Secret/" + s.getMetadata().getName(), s));
    return stored;
  }

  private static Built sourceNotFound(Assignment assignment, AssignmentConditions status) {
    String message =
        "no Secret or ConfigMap '"
            + assignment.getSpec().sourceSecret
            + "' in namespace "
            + assignment.getMetadata().getNamespace()
            + " (spec.sourceSecret)";
    status.validated(false, "SourceNotFound", message);
    status.released(false, "SourceNotFound", message);
    return new Built(null, List.of(), RETRY);
  }

  /** Runs the quality gates; a revision that passes is stored, and released when its time has come. */
  private Built validateAndStore(
      Assignment assignment,
      AssignmentSource source,
      Classroom classroom,
      AssignmentConditions status,
      Map<String, HasMetadata> stored,
      Instant now) {
    String revision = source.revision();
    ModuleBuild.Outcome build =
        builds.of(
            assignment.getMetadata().getNamespace() + "/" + assignment.getMetadata().getName(),
            revision,
            source.files());
    if (!build.passed()) {
      status.validated(false, "GateErrors", summary(source, build.findings()));
      status.released(
          false, "GateErrors", "nothing is released while the source fails the quality gates");
      return new Built(null, List.of(), null);
    }
    status.validated(
        true, "GatesPassed", source.from() + ": " + build.findings().size() + " warnings");
    status.maxPoints(build.maxPoints());
    // store this revision; others go once it is released (until then students keep the previous
    // one)
    List<String> configMaps = store(assignment, revision, build, stored);
    return new Built(
        revision,
        configMaps,
        release(assignment, revision, classroom, status, stored.values(), now));
  }

  /** Releases the stored revision once its Classroom exists and its releaseAt has come; returns when to look again. */
  private Duration release(
      Assignment assignment,
      String revision,
      Classroom classroom,
      AssignmentConditions status,
      Collection<HasMetadata> stored,
      Instant now) {
    Instant releaseAt = releaseAt(assignment);
    if (classroom == null) {
      status.released(
          false,
          "ClassroomNotFound",
          "no Classroom '"
              + assignment.getSpec().classroom
              + "' in namespace "
              + assignment.getMetadata().getNamespace()
              + " (spec.classroom)");
      return RETRY;
    }
    if (releaseAt == null && assignment.getSpec().releaseAt != null) {
      status.released(
          false,
          "InvalidReleaseAt",
          "spec.releaseAt '" + assignment.getSpec().releaseAt + "' is not an RFC 3339 time");
      return null;
    }
    if (releaseAt != null && releaseAt.isAfter(now)) {
      status.released(false, "Scheduled", "revision " + revision + " is released at " + releaseAt);
      return Duration.between(now, releaseAt).plusMillis(100);
    }
    status.released(true, "Released", "revision " + revision + " released");
    status.releasedRevision(revision);
    removeOtherRevisions(revision, stored);
    return null;
  }

  /** Creates the revision's objects that are not stored yet (their names carry the revision, so they never change). */
  private List<String> store(
      Assignment assignment,
      String revision,
      ModuleBuild.Outcome build,
      Map<String, HasMetadata> stored) {
    byte[] gradebook;
    try {
      gradebook =
          JSON.writeValueAsBytes(
              ReleaseGradebook.wrap(assignment.getMetadata().getName(), build.gradebook()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the gradebook first: a release is never visible without the rows that grade it
    Secret secret = ReleaseObjects.gradebookSecret(assignment, revision, gradebook);
    if (!stored.containsKey("Secret/" + secret.getMetadata().getName())) {
      CreateOnce.create(client, secret);
    }
    List<ConfigMap> desired =
        ReleaseObjects.releaseConfigMaps(assignment, revision, build.studentFiles());
    for (ConfigMap configMap : desired) {
      if (!stored.containsKey("ConfigMap/" + configMap.getMetadata().getName())) {
        CreateOnce.create(client, configMap);
      }
    }
    return desired.stream().map(c -> c.getMetadata().getName()).toList();
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
        .filter(
            o ->
                o instanceof ConfigMap
                    && revision.equals(o.getMetadata().getLabels().get(ReleaseObjects.REVISION)))
        .map(o -> o.getMetadata().getName())
        .sorted(ReleaseNames.IN_INDEX_ORDER)
        .toList();
  }

  private static Duration earliest(Duration a, Duration b) {
    return a == null ? b : b == null || a.compareTo(b) <= 0 ? a : b;
  }

  /** Bounded: the first few errors and how many findings there are in all. */
  private static String summary(AssignmentSource source, List<Finding> findings) {
    List<Finding> errors = findings.stream().filter(Finding::isError).toList();
    String listed =
        errors.stream()
            .limit(LISTED_FINDINGS)
            .map(Finding::describe)
            .collect(Collectors.joining("; "));
    String message =
        source.from()
            + ": "
            + errors.size()
            + " errors, "
            + (findings.size() - errors.size())
            + " warnings: "
            + listed
            + (errors.size() > LISTED_FINDINGS ? "; ..." : "");
    return message.length() > MESSAGE_LIMIT
        ? message.substring(0, MESSAGE_LIMIT - 3) + "..."
        : message;
  }

  private static Instant releaseAt(Assignment assignment) {
    return Timestamps.orNull(assignment.getSpec().releaseAt);
  }
}
