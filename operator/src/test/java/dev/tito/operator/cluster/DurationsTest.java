package dev.tito.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsTheDurationsTheCrdAccepts() {
    assertThat(Durations.parse("f", "90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("f", "1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("f", "0s")).isZero();
  }

  @Test
  void refusesOtherTextNamingTheField() {
    assertThatThrownBy(() -> Durations.parse("spec.environment.idleTimeout", "1 hour"))
        .hasMessage("spec.environment.idleTimeout '1 hour' is not a duration such as 30m or 1h30m");
    assertThatThrownBy(() -> Durations.parse("spec.environment.idleTimeout", "1.5h"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
