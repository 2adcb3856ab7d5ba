package dev.tito.api.classroom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Counts over the whole class; per-student detail lives on each student's server object. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClassroomStatus {
  @JsonPropertyDescription("metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Valid students on the roster.")
  public Integer total = 0;

  @JsonPropertyDescription("Servers running and ready.")
  public Integer ready = 0;

  @JsonPropertyDescription("Servers stopped (idle or never started).")
  public Integer stopped = 0;

  @JsonPropertyDescription("Servers starting.")
  public Integer pending = 0;

  @JsonPropertyDescription("Roster entries refused (see conditions) plus servers failing to start.")
  public Integer failed = 0;

  @JsonPropertyDescription(
      "Running servers that will pick up a changed environment at their next start.")
  public Integer pendingRestart = 0;

  @JsonPropertyDescription("Ready, RosterValid, ImagePinned, ... conditions.")
  public List<Condition> conditions = new ArrayList<>();

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassroomStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(total, s.total)
        && Objects.equals(ready, s.ready)
        && Objects.equals(stopped, s.stopped)
        && Objects.equals(pending, s.pending)
        && Objects.equals(failed, s.failed)
        && Objects.equals(pendingRestart, s.pendingRestart)
        && Objects.equals(conditions, s.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration, total, ready, stopped, pending, failed, pendingRestart, conditions);
  }
}
