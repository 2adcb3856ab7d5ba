package dev.tito.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadinessTest {

  @Test
  void notReadyBeforeStart() {
    assertThat(Readiness.ready(false, true, () -> true)).isFalse();
    assertThat(Readiness.ready(false, false, () -> true)).isFalse();
  }

  @Test
  void leaderIsReadyOnlyWithHealthyInformers() {
    assertThat(Readiness.ready(true, true, () -> true)).isTrue();
    assertThat(Readiness.ready(true, true, () -> false)).isFalse();
  }

  @Test
  void standbyIsReadyWithoutAskingItsUnstartedInformers() {
    assertThat(
            Readiness.ready(
                true,
                false,
                () -> {
                  throw new AssertionError("a standby's informers are not running");
                }))
        .isTrue();
  }
}
