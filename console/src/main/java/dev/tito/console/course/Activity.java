package dev.tito.console.course;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** What the console did in the background, the last twenty lines, each with its time of day (UTC). */
final class Activity {
  private static final int KEPT = 20;
  private final Clock clock;
  private final Deque<String> lines = new ArrayDeque<>();

  Activity(Clock clock) {
    this.clock = clock;
  }

  synchronized void note(String line) {
    lines.addLast(clock.instant().toString().substring(11, 19) + " " + line);
    if (lines.size() > KEPT) {
      lines.removeFirst();
    }
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
