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
import io.fabric8.kubernetes.api.model.Secret;
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
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validates an Assignment's source with the quality gates of {@code tito module validate}, stores the student release
 * of each new source revision (and the gradebook rows, in a Secret) and marks it released at {@code releaseAt}.
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

  public AssignmentReconciler(KubernetesClient client, Clock clock) {
    this.client = client;
    this.events = new ConditionEvents(client, (old, now) -> old == null || ConditionEvents.statusOrReasonChanged(old, now));
    this.clock = clock;
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
    boolean classroomExists = client.resources(Classroom.class).inNamespace(namespace)
        .withName(assignment.getSpec().classroom).get() != null;
    if (source == null) {
      String message = "no Secret or ConfigMap '" + assignment.getSpec().sourceSecret + "' in namespace " + namespace
          + " (spec.sourceSecret)";
      status.validated(false, "SourceNotFound", message);
      status.released(false, "SourceNotFound", message);
      requeue = RETRY;
    } else {
      // validate
      ModuleBuild.Outcome build = ModuleBuild.of(source.files());
      if (!build.passed()) {
        status.validated(false, "GateErrors", summary(source, build.findings()));
        status.released(false, "GateErrors", "nothing is released while the source fails the quality gates");
      } else {
        status.validated(true, "GatesPassed", source.from() + ": " + build.findings().size() + " warnings");
        status.maxPoints(build.maxPoints());
        // reconcile: store this revision; others go once it is released (until then students keep the previous one)
        String revision = source.revision();
        store(assignment, revision, build);
        if (!classroomExists) {
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
          removeOtherRevisions(assignment, revision);
        }
      }
    }
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

  /** Creates the revision's objects that do not exist yet: their names carry the revision, so they never change. */
  private void store(Assignment assignment, String revision, ModuleBuild.Outcome build) {
    String namespace = assignment.getMetadata().getNamespace();
    byte[] gradebook;
    try {
      gradebook = JSON.writeValueAsBytes(ReleaseGradebook.wrap(assignment.getMetadata().getName(), build.gradebook()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the gradebook first: a release is never visible without the rows that grade it
    Secret secret = ReleaseObjects.gradebookSecret(assignment, revision, gradebook);
    if (client.secrets().inNamespace(namespace).withName(secret.getMetadata().getName()).get() == null) {
      createIfAbsent(secret);
    }
    List<ConfigMap> desired = ReleaseObjects.releaseConfigMaps(assignment, revision, build.studentFiles());
    for (ConfigMap configMap : desired) {
      if (client.configMaps().inNamespace(namespace).withName(configMap.getMetadata().getName()).get() == null) {
        createIfAbsent(configMap);
      }
    }
  }

  private void createIfAbsent(HasMetadata object) {
    try {
      client.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private void removeOtherRevisions(Assignment assignment, String revision) {
    String namespace = assignment.getMetadata().getNamespace();
    String selector = ReleaseObjects.ASSIGNMENT + "=" + assignment.getMetadata().getName() + ","
        + ReleaseObjects.REVISION + "!=" + revision;
    client.configMaps().inNamespace(namespace).withLabelSelector(selector).list().getItems()
        .forEach(old -> client.resource(old).delete());
    client.secrets().inNamespace(namespace).withLabelSelector(selector).list().getItems()
        .forEach(old -> client.resource(old).delete());
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
