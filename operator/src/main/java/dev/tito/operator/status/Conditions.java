package dev.tito.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;

/** The one way conditions are made: Kubernetes' convention for {@code lastTransitionTime}. */
public final class Conditions {
  private Conditions() {}

  /**
   * A condition whose {@code lastTransitionTime} is the previous one's while its status stays the same (a new reason
   * or message is no transition), {@code now} otherwise.
   */
  public static Condition of(
      String type,
      String status,
      String reason,
      String message,
      Long generation,
      List<Condition> previous,
      Instant now) {
    String since =
        previous == null
            ? null
            : previous.stream()
                .filter(
                    old ->
                        type.equals(old.getType())
                            && status.equals(old.getStatus())
                            && old.getLastTransitionTime() != null)
                .map(Condition::getLastTransitionTime)
                .findFirst()
                .orElse(null);
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since == null ? now.toString() : since)
        .build();
  }

  /** "True" or "False". */
  public static String of(boolean holds) {
    return holds ? "True" : "False";
  }
}
