package dev.tito.operator.classroom;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomStatus;
import dev.tito.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Builds the Classroom's status: counts over the class and one condition per concern, from this reconcile's view. */
public final class ClassroomStatusAggregator {
  public static final String READY = "Ready";
  private static final int LISTED_FINDINGS = 5;

  private int total;
  private int ready;
  private int stopped;
  private int pending;
  private int pendingRestart;

  /** Counts one student from the state just applied and the server's last observed status. */
  public void student(ServerState state, StatefulSet observed, String templateHash) {
    total++;
    if (!state.running()) {
      stopped++;
      return;
    }
    if (state.pendingRestart(templateHash)) {
      pendingRestart++;
    }
    boolean isReady =
        observed != null
            && observed.getStatus() != null
            && observed.getStatus().getReadyReplicas() != null
            && observed.getStatus().getReadyReplicas() >= 1
            && Objects.equals(observed.getSpec().getReplicas(), 1);
    if (isReady) {
      ready++;
    } else {
      pending++;
    }
  }

  public ClassroomStatus build(
      Classroom classroom,
      Roster roster,
      List<Finding> specFindings,
      List<String> writeFailures,
      Instant now) {
    ClassroomStatus previous = classroom.getStatus();
    long generation =
        classroom.getMetadata().getGeneration() == null
            ? 0
            : classroom.getMetadata().getGeneration();
    ClassroomStatus status = new ClassroomStatus();
    status.observedGeneration = generation;
    status.total = total;
    status.ready = ready;
    status.stopped = stopped;
    status.pending = pending;
    status.failed = roster.refused();
    status.pendingRestart = pendingRestart;

    List<Condition> conditions = new ArrayList<>();
    conditions.add(ready(roster, specFindings, writeFailures, generation));
    conditions.add(
        concern(
            Roster.CONDITION,
            roster.findings(),
            "AllStudentsValid",
            total + " students on the roster",
            generation));
    conditions.add(
        concern(
            ClassroomValidation.IMAGE_PINNED,
            of(specFindings, ClassroomValidation.IMAGE_PINNED),
            "PinnedByDigest",
            "the image is pinned by digest",
            generation));
    conditions.add(
        concern(
            ClassroomValidation.SPEC_VALID,
            of(specFindings, ClassroomValidation.SPEC_VALID),
            "SpecValid",
            "the spec is valid",
            generation));
    status.conditions = conditions.stream().map(c -> keepTransitionTime(c, previous, now)).toList();
    return status;
  }

  private Condition ready(
      Roster roster, List<Finding> specFindings, List<String> writeFailures, long generation) {
    if (ClassroomValidation.blocksProvisioning(specFindings)) {
      return condition(
          READY,
          false,
          "InvalidSpec",
          join(of(specFindings, ClassroomValidation.SPEC_VALID)),
          generation);
    }
    if (!roster.complete()) {
      return condition(READY, false, "RosterUnavailable", join(roster.findings()), generation);
    }
    if (!writeFailures.isEmpty()) {
      return condition(
          READY,
          false,
          "ApplyFailed",
          writeFailures.size() + " writes failed, e.g. " + writeFailures.get(0),
          generation);
    }
    if (pending > 0) {
      return condition(
          READY,
          false,
          "ServersStarting",
          ready + " of " + (ready + pending) + " running servers ready, " + stopped + " stopped",
          generation);
    }
    return condition(
        READY,
        true,
        "AllServersReady",
        ready
            + " servers ready, "
            + stopped
            + " stopped"
            + (pendingRestart > 0 ? ", " + pendingRestart + " pending a restart" : ""),
        generation);
  }

  private static Condition concern(
      String type, List<Finding> findings, String okReason, String okMessage, long generation) {
    if (findings.isEmpty()) {
      return condition(type, true, okReason, okMessage, generation);
    }
    return condition(type, false, findings.get(0).reason(), join(findings), generation);
  }

  private static List<Finding> of(List<Finding> findings, String type) {
    return findings.stream().filter(f -> f.condition().equals(type)).toList();
  }

  /** A bounded message whatever the size of the class: the first few findings and a count of the rest. */
  private static String join(List<Finding> findings) {
    String listed =
        findings.stream()
            .limit(LISTED_FINDINGS)
            .map(Finding::message)
            .collect(Collectors.joining("; "));
    int more = findings.size() - LISTED_FINDINGS;
    return more > 0 ? listed + "; and " + more + " more" : listed;
  }

  private static Condition condition(
      String type, boolean ok, String reason, String message, long generation) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(ok ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .build();
  }

  private static Condition keepTransitionTime(
      Condition fresh, ClassroomStatus previous, Instant now) {
    return Conditions.of(
        fresh.getType(),
        fresh.getStatus(),
        fresh.getReason(),
        fresh.getMessage(),
        fresh.getObservedGeneration(),
        previous == null ? null : previous.conditions,
        now);
  }
}
