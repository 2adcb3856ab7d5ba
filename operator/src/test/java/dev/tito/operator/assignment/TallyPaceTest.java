package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.AssignmentStatus;
import dev.tito.api.assignment.SubmissionsSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TallyPaceTest {
  private static final Instant WRITTEN = Instant.parse("2026-03-01T12:00:00Z");

  static Stream<Arguments> holds() {
    return Stream.of(
        Arguments.of(
            "a count that moved just after a write waits for the rest of the second",
            WRITTEN,
            true,
            WRITTEN.plusMillis(300),
            Duration.ofMillis(700)),
        Arguments.of(
            "a count that moved a second after the last write is written",
            WRITTEN,
            true,
            WRITTEN.plus(TallyPace.INTERVAL),
            null),
        Arguments.of(
            "any other change is written at once", WRITTEN, false, WRITTEN.plusMillis(300), null),
        Arguments.of("the first write of this process is not held", null, true, WRITTEN, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("holds")
  void theSummaryAloneIsWrittenAtMostOnceASecond(
      String sentence, Instant lastWritten, boolean onlyTally, Instant now, Duration held) {
    assertThat(TallyPace.hold(lastWritten, onlyTally, now)).isEqualTo(held);
  }

  @Test
  void onlyAChangeOfTheSummaryIsPaced() {
    AssignmentStatus before = status(3, "abc");

    assertThat(TallyPace.onlyTallyMoved(before, status(4, "abc"))).as("one more received").isTrue();
    assertThat(TallyPace.onlyTallyMoved(before, status(4, "def"))).as("a release too").isFalse();
    assertThat(TallyPace.onlyTallyMoved(before, status(3, "abc"))).as("nothing moved").isFalse();
    assertThat(TallyPace.onlyTallyMoved(null, status(3, "abc"))).as("a first status").isFalse();
  }

  private static AssignmentStatus status(int received, String released) {
    AssignmentStatus status = new AssignmentStatus();
    status.releasedRevision = released;
    status.submissions = new SubmissionsSummary();
    status.submissions.received = received;
    return status;
  }
}
