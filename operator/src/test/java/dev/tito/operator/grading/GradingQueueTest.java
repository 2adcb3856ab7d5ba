package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.operator.grading.GradingQueue.Waiting;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GradingQueueTest {
  private static final Waiting A = new Waiting("a", "2026-01-01T10:00:00Z");
  private static final Waiting B = new Waiting("b", "2026-01-01T10:00:01Z");
  private static final Waiting C = new Waiting("c", "2026-01-01T10:00:01Z");
  private static final List<Waiting> ALL = List.of(C, B, A);
  private static final Predicate<String> NOTHING_CACHED = job -> false;

  /** Waiting submissions whose recent copy is exact, none of them with a running Job; {@code running} Jobs of others. */
  private record Listed(List<Waiting> now, IntSupplier runningJobs)
      implements GradingQueue.Waiters {
    @Override
    public boolean hasRunningJob(Waiting w) {
      return false;
    }

    @Override
    public int running() {
      return runningJobs.getAsInt();
    }

    @Override
    public int recentlyAhead(Waiting candidate) {
      return (int) now.stream().filter(w -> Waiting.ORDER.compare(w, candidate) < 0).count();
    }

    @Override
    public int recentCount() {
      return now.size();
    }

    @Override
    public void slotTaken() {
      // the copy is the list itself
    }
  }

  private static GradingQueue.Waiters exactly(List<Waiting> waiting, int running) {
    return new Listed(waiting, () -> running);
  }

  @Test
  void admitsTheOldestFirstAndNamesBreakTies() {
    GradingQueue queue = new GradingQueue();

    assertThat(queue.admit("ns/class", 1, C, exactly(ALL, 0), NOTHING_CACHED, "job-c"))
        .isEqualTo(new GradingQueue.Admission(false, 2));
    assertThat(queue.admit("ns/class", 1, B, exactly(ALL, 0), NOTHING_CACHED, "job-b"))
        .isEqualTo(new GradingQueue.Admission(false, 1));
    assertThat(queue.admit("ns/class", 1, A, exactly(ALL, 0), NOTHING_CACHED, "job-a").admitted())
        .isTrue();
    assertThat(GradingQueue.heads(ALL, 2)).containsExactly("a", "b");
    assertThat(GradingQueue.heads(ALL, 5)).containsExactly("a", "b", "c");
  }

  @Test
  void aCandidateNotYetInTheCachesListIsPlacedAfterThoseServedBeforeIt() {
    GradingQueue queue = new GradingQueue();
    Waiting d = new Waiting("d", "2026-01-01T10:00:02Z");

    assertThat(queue.admit("ns/class", 2, d, exactly(ALL, 0), NOTHING_CACHED, "job-d"))
        .isEqualTo(new GradingQueue.Admission(false, 3));
    assertThat(queue.depth("ns/class")).isEqualTo(4);
  }

  @Test
  void aJobAdmittedButNotYetCachedHoldsItsSlot() {
    GradingQueue queue = new GradingQueue();
    assertThat(queue.admit("ns/class", 1, A, exactly(ALL, 0), NOTHING_CACHED, "job-a").admitted())
        .isTrue();

    // the cache has not seen job-a: b must not take the one slot too, and a no longer counts as
    // waiting
    assertThat(queue.admit("ns/class", 1, B, exactly(ALL, 0), NOTHING_CACHED, "job-b"))
        .isEqualTo(new GradingQueue.Admission(false, 0));
    assertThat(queue.depth("ns/class")).isEqualTo(2);

    // cached and finished: the slot is free again
    assertThat(
            queue
                .admit(
                    "ns/class", 1, B, exactly(List.of(B, C), 0), Set.of("job-a")::contains, "job-b")
                .admitted())
        .isTrue();
  }

  @Test
  void withNoSlotFreeThePlaceComesFromTheRecentCopyWithoutReadingEveryone() {
    GradingQueue queue = new GradingQueue();
    GradingQueue.Waiters recent =
        new GradingQueue.Waiters() {
          @Override
          public List<Waiting> now() {
            throw new AssertionError("a full class must not read every waiting submission");
          }

          @Override
          public boolean hasRunningJob(Waiting w) {
            throw new AssertionError(
                "a full class must not look up every waiting submission's Jobs");
          }

          @Override
          public int running() {
            return 20;
          }

          @Override
          public int recentlyAhead(Waiting candidate) {
            return 4321;
          }

          @Override
          public int recentCount() {
            return 9999;
          }

          @Override
          public void slotTaken() {
            throw new AssertionError("no slot is free");
          }
        };

    assertThat(queue.admit("ns/class", 20, C, recent, NOTHING_CACHED, "job-c"))
        .isEqualTo(new GradingQueue.Admission(false, 4321));
    assertThat(queue.depth("ns/class")).isEqualTo(9999);
  }

  @Test
  void belowTheCapABurstIsAdmittedWithoutCountingTheRunningJobsEachTimeAndNeverPastTheCap() {
    GradingQueue queue = new GradingQueue();
    AtomicInteger counts = new AtomicInteger();
    AtomicInteger cachedRunning = new AtomicInteger();
    List<Waiting> burst =
        IntStream.range(0, 100)
            .mapToObj(i -> new Waiting(String.format("s%03d", i), "2026-01-01T10:00:00Z"))
            .toList();
    GradingQueue.Waiters waiters =
        new Listed(
            burst,
            () -> {
              counts.incrementAndGet();
              return cachedRunning.get();
            });

    for (int i = 0; i < 100; i++) {
      assertThat(
              queue
                  .admit("ns/class", 1000, burst.get(i), waiters, NOTHING_CACHED, "job-" + i)
                  .admitted())
          .isTrue();
    }
    assertThat(counts.get())
        .as("running Jobs counted about once a second, not per arrival")
        .isLessThan(10);

    // every Job cached and running: the class is at its cap of 100, whatever the loose count said
    cachedRunning.set(100);
    Waiting late = new Waiting("late", "2026-01-01T10:00:01Z");
    assertThat(queue.admit("ns/class", 100, late, waiters, job -> true, "job-late").admitted())
        .isFalse();
  }

  @Test
  void classesHaveQueuesOfTheirOwn() {
    GradingQueue queue = new GradingQueue();
    assertThat(
            queue.admit("ns/one", 1, A, exactly(List.of(A), 0), NOTHING_CACHED, "job-a").admitted())
        .isTrue();
    assertThat(
            queue.admit("ns/two", 1, B, exactly(List.of(B), 0), NOTHING_CACHED, "job-b").admitted())
        .isTrue();
    assertThat(
            queue
                .admit("ns/two", 1, C, exactly(List.of(C), 1), Set.of("job-b")::contains, "job-c")
                .admitted())
        .isFalse();
  }

  @Test
  void aForgottenReservationFreesItsSlot() {
    GradingQueue queue = new GradingQueue();
    queue.admit("ns/class", 1, A, exactly(ALL, 0), NOTHING_CACHED, "job-a");
    queue.forget("ns/class", "job-a");

    assertThat(queue.admit("ns/class", 1, A, exactly(ALL, 0), NOTHING_CACHED, "job-a").admitted())
        .isTrue();
  }
}
