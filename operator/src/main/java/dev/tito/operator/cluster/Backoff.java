package dev.tito.operator.cluster;

import java.time.Duration;

/** The wait before another attempt: the first wait, doubled for each attempt after it, at most {@code longest}. */
public final class Backoff {
  private Backoff() {}

  /** @param attempt the attempt that failed, from 1 */
  public static Duration after(int attempt, Duration first, Duration longest) {
    Duration wait = first.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
    return longest != null && wait.compareTo(longest) > 0 ? longest : wait;
  }
}
