package dev.tito.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionsTest {
  private static final Instant BEFORE = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "the same status for another reason keeps its time | Ready | False | ServersStarting | 2026-12-01T10:00:00Z",
        "a new status is a transition | Ready | True | AllServersReady | 2026-12-04T10:00:00Z",
        "a condition seen for the first time starts now | Released | False | NotReleased | 2026-12-04T10:00:00Z"
      })
  void aConditionKeepsItsTransitionTimeUntilItsStatusChanges(
      String what, String type, String status, String reason, String since) {
    List<Condition> previous =
        List.of(
            Conditions.of("Ready", "False", "ApplyFailed", "2 writes failed", 3L, null, BEFORE));

    Condition next = Conditions.of(type, status, reason, "m", 4L, previous, NOW);

    assertThat(next.getLastTransitionTime()).as(what).isEqualTo(since);
    assertThat(next.getReason()).isEqualTo(reason);
    assertThat(next.getObservedGeneration()).isEqualTo(4L);
  }
}
