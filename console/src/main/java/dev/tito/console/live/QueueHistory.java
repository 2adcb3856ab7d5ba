package dev.tito.console.live;

import dev.tito.console.pictures.Svg;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The grading queue's depth over the last hour, as the console's watch saw it change (a bounded record). */
public final class QueueHistory {
  static final Duration KEPT = Duration.ofHours(1);
  private final Deque<Sample> samples = new ArrayDeque<>();

  private record Sample(Instant at, int depth) {}

  /** Notes the depth at {@code now}, when it changed; drops what is older than an hour. */
  public synchronized void note(int depth, Instant now) {
    if (samples.isEmpty() || samples.peekLast().depth() != depth) {
      samples.addLast(new Sample(now, depth));
    }
    while (samples.size() > 1 && samples.peekFirst().at().isBefore(now.minus(KEPT))) {
      samples.removeFirst();
    }
  }

  /** The depth as a line up to {@code now}: steps, since each depth held until the next change. */
  public synchronized List<Svg.Point> points(Instant now) {
    List<Svg.Point> points = new ArrayList<>();
    if (samples.isEmpty()) {
      return points;
    }
    Instant start = samples.peekFirst().at();
    Sample previous = null;
    for (Sample sample : samples) {
      double at = Duration.between(start, sample.at()).toMillis() / 1000.0;
      if (previous != null) {
        points.add(new Svg.Point(at, previous.depth()));
      }
      points.add(new Svg.Point(at, sample.depth()));
      previous = sample;
    }
    points.add(new Svg.Point(Duration.between(start, now).toMillis() / 1000.0, previous.depth()));
    return points;
  }
}
