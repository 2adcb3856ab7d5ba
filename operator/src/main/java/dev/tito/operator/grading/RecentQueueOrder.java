package dev.tito.operator.grading;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An ordered copy of each class's waiting submissions, taken at most once per {@code maxAge}: the place a queued
 * submission is shown when no slot is free. Counting it afresh for each of N arrivals would be N squared; a copy a
 * moment old may still count a few that have since left the queue, so the place shown is at most a little high. A
 * slot taken discards the copy: who is near the head is never read from a copy older than the last admission.
 */
final class RecentQueueOrder {
  private record Copy(GradingQueue.Waiting[] ordered, Instant takenAt) {}

  private final Clock clock;
  private final Duration maxAge;
  private final Map<String, Copy> copies = new ConcurrentHashMap<>();

  RecentQueueOrder(Clock clock, Duration maxAge) {
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /** Submissions served before {@code candidate}, by a copy of {@code waiting} at most {@code maxAge} old. */
  int ahead(
      String classroom,
      GradingQueue.Waiting candidate,
      Supplier<Collection<GradingQueue.Waiting>> waiting) {
    int found =
        Arrays.binarySearch(
            copy(classroom, waiting).ordered(), candidate, GradingQueue.Waiting.ORDER);
    return found >= 0 ? found : -found - 1;
  }

  /** How many submissions wait, by the same copy. */
  int count(String classroom, Supplier<Collection<GradingQueue.Waiting>> waiting) {
    return copy(classroom, waiting).ordered().length;
  }

  /** The next question about the class is answered from a new copy. */
  void forget(String classroom) {
    copies.remove(classroom);
  }

  private Copy copy(String classroom, Supplier<Collection<GradingQueue.Waiting>> waiting) {
    Instant now = clock.instant();
    return copies.compute(
        classroom,
        (key, copy) -> {
          if (copy != null && !now.isAfter(copy.takenAt().plus(maxAge))) {
            return copy;
          }
          GradingQueue.Waiting[] ordered = waiting.get().toArray(GradingQueue.Waiting[]::new);
          Arrays.sort(ordered, GradingQueue.Waiting.ORDER);
          return new Copy(ordered, now);
        });
  }
}
