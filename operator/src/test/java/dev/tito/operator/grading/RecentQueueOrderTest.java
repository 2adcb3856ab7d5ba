package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.operator.grading.GradingQueue.Waiting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecentQueueOrderTest {
  private static final Waiting A = new Waiting("a", "2026-01-01T10:00:00Z");
  private static final Waiting B = new Waiting("b", "2026-01-01T10:00:01Z");
  private static final Waiting C = new Waiting("c", "2026-01-01T10:00:01Z");
  private static final Waiting D = new Waiting("d", "2026-01-01T10:00:02Z");

  private Instant now = Instant.parse("2026-01-01T10:05:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };

  @Test
  void placesAreCountedInServingOrderWhetherOrNotTheCandidateIsInTheCopy() {
    RecentQueueOrder order = new RecentQueueOrder(clock, Duration.ofSeconds(1));
    Supplier<Collection<Waiting>> waiting = () -> List.of(D, C, A, B);

    assertThat(order.ahead("ns/class", A, waiting)).isZero();
    assertThat(order.ahead("ns/class", C, waiting)).isEqualTo(2);
    assertThat(order.ahead("ns/class", new Waiting("e", "2026-01-01T10:00:03Z"), waiting))
        .isEqualTo(4);
    assertThat(order.ahead("ns/class", new Waiting("bb", "2026-01-01T10:00:01Z"), waiting))
        .isEqualTo(2);
    assertThat(order.count("ns/class", waiting)).isEqualTo(4);
  }

  @Test
  void theCopyIsReadAtMostOncePerMaxAgeAndPerClass() {
    RecentQueueOrder order = new RecentQueueOrder(clock, Duration.ofSeconds(1));
    AtomicInteger reads = new AtomicInteger();
    List<Waiting> cache = new ArrayList<>(List.of(A, B));
    Supplier<Collection<Waiting>> waiting =
        () -> {
          reads.incrementAndGet();
          return List.copyOf(cache);
        };

    order.ahead("ns/class", D, waiting);
    cache.add(C);
    assertThat(order.ahead("ns/class", D, waiting)).as("a copy under a second old").isEqualTo(2);
    assertThat(reads).hasValue(1);

    order.ahead("ns/other", D, waiting);
    assertThat(reads).as("another class has its own copy").hasValue(2);

    now = now.plusMillis(1001);
    assertThat(order.ahead("ns/class", D, waiting)).isEqualTo(3);
    assertThat(reads).hasValue(3);

    cache.remove(A);
    order.forget("ns/class");
    assertThat(order.ahead("ns/class", D, waiting))
        .as("a slot taken: read again at once")
        .isEqualTo(2);
  }
}
