package dev.tito.operator.classroom;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for the operator to reach a state; fails with the last observation after a generous limit. */
public final class Eventually {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private Eventually() {}

  static <T> T until(String what, Supplier<T> observe, Predicate<T> done) {
    return until(what, LIMIT, observe, done, () -> null);
  }

  /** {@code context} adds what else helps to understand a timeout (null for nothing). */
  public static <T> T until(
      String what,
      Duration limit,
      Supplier<T> observe,
      Predicate<T> done,
      Supplier<String> context) {
    long deadline = System.nanoTime() + limit.toNanos();
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
    String more = context.get();
    throw new AssertionError(
        "timed out waiting for "
            + what
            + "; last seen: "
            + last
            + (more == null ? "" : "; " + more));
  }
}
