package dev.tito.operator.classroom;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for the operator to reach a state; fails with the last observation after a generous limit. */
final class Eventually {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private Eventually() {}

  static <T> T until(String what, Supplier<T> observe, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = observe.get();
      if (last != null && done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
    throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
  }
}
