package dev.tito.operator.grading;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The one place that admits submissions to grading, per Classroom: at most {@code maxConcurrent} unfinished grading
 * Jobs, handed out first come first served (creationTimestamp, then name). It keeps nothing the cluster does not: the
 * waiting submissions and running Jobs come from the informer caches on every call, plus the Jobs this process
 * admitted that the cache has not shown yet (so two reconciles at once cannot both take the last slot). Admissions of
 * one class are decided one at a time; classes do not wait for each other. A loose count of running Jobs may only be
 * high, never low: it can delay an admission to the exact count, never admit past the cap.
 */
public final class GradingQueue {
  /** A submission waiting for grading, ordered as the queue serves it. */
  public record Waiting(String name, String creationTimestamp) {
    static final Comparator<Waiting> ORDER =
        Comparator.comparing(Waiting::creationTimestamp).thenComparing(Waiting::name);
  }

  /**
   * The answer for one submission.
   *
   * @param admitted a slot is reserved for its Job: create it now
   * @param position submissions ahead of it in the queue (0 when admitted)
   */
  public record Admission(boolean admitted, int position) {}

  /** Per classroom ("namespace/name"): its Jobs admitted here and not yet cached, and a loose count of its running Jobs. */
  private final Map<String, ClassSlots> classes = new ConcurrentHashMap<>();

  private final Map<String, Integer> depth = new ConcurrentHashMap<>();

  /** The waiting submissions of one class, and its running Jobs. */
  public interface Waiters {
    /** Every one the caches show waiting, in any order; a few may already have a running Job the cache shows first. */
    Collection<Waiting> now();

    /** Whether the cache shows a running Job of this one (it is not waiting, whatever its status says yet). */
    boolean hasRunningJob(Waiting waiting);

    /** Grading Jobs of the class in the cache not finished. */
    int running();

    /** How many are served before {@code candidate}, by an ordered copy a moment old (it may count a few that left). */
    int recentlyAhead(Waiting candidate);

    /** How many wait, by that copy. */
    int recentCount();

    /** A slot was taken: the copy no longer shows who is near the head. */
    void slotTaken();
  }

  /** A class's admissions: decided one at a time. */
  private static final class ClassSlots {
    private static final long RECOUNT_NANOS = 1_000_000_000L;

    /** Job name to submission name, for Jobs admitted here that the cache has not shown yet. */
    final Map<String, String> pending = new HashMap<>();

    private int runningWhenCounted;
    private int pendingWhenCounted;
    private int admittedSinceCounted;
    private long countedAt;
    private boolean counted;

    /** Running Jobs now, at most: those of the last count (at most a second old), plus everything admitted since. */
    int runningAtMost(Waiters waiters) {
      if (!counted || System.nanoTime() - countedAt > RECOUNT_NANOS) {
        recount(waiters.running());
      }
      return runningWhenCounted + pendingWhenCounted + admittedSinceCounted;
    }

    void recount(int running) {
      runningWhenCounted = running;
      pendingWhenCounted = pending.size();
      admittedSinceCounted = 0;
      countedAt = System.nanoTime();
      counted = true;
    }

    void admit(String job, String submission) {
      pending.put(job, submission);
      admittedSinceCounted++;
    }
  }

  /**
   * Admits {@code candidate} when it is among the first free slots' worth of waiting submissions. Room for everyone
   * waiting, by a loose count of the running Jobs, admits it at once (a burst below the cap counts no Jobs per
   * arrival); otherwise the Jobs are counted. With no slot free it is not admitted whatever its place; a place behind
   * the first {@code maxConcurrent} is then read from the recent ordered copy: a burst queued behind a full class
   * costs a look-up per arrival, not a count of everyone waiting.
   *
   * @param cached whether the informer cache shows a Job (finished or not)
   * @param job the Job the candidate would get
   */
  public Admission admit(
      String classroom,
      int maxConcurrent,
      Waiting candidate,
      Waiters waiters,
      Predicate<String> cached,
      String job) {
    ClassSlots slots = classes.computeIfAbsent(classroom, key -> new ClassSlots());
    synchronized (slots) {
      Map<String, String> pending = slots.pending;
      pending.keySet().removeIf(cached);
      Set<String> reservedFor = Set.copyOf(pending.values());
      if (reservedFor.contains(candidate.name())) {
        return new Admission(true, 0);
      }
      int roomAtLeast = maxConcurrent - slots.runningAtMost(waiters) - pending.size();
      Collection<Waiting> waiting = null;
      if (roomAtLeast > 0) {
        waiting = waiters.now();
        if (waiting.size() < roomAtLeast) {
          slots.admit(job, candidate.name());
          waiters.slotTaken();
          depth.put(classroom, waiting.size() - (waiting.contains(candidate) ? 1 : 0));
          return new Admission(true, 0);
        }
      }
      int running = waiters.running();
      slots.recount(running);
      int free = Math.max(0, maxConcurrent - running - pending.size());
      if (free == 0) {
        int ahead = waiters.recentlyAhead(candidate);
        // near the head (the copy may still count the reserved ones) the place is counted exactly:
        // the queue moves
        if (ahead >= maxConcurrent + pending.size()) {
          depth.put(classroom, waiters.recentCount());
          return new Admission(false, ahead);
        }
      }
      // one pass, no sort: the candidate's place is the number of waiting submissions served before
      // it
      int queued = 1;
      int position = 0;
      for (Waiting other : waiting != null ? waiting : waiters.now()) {
        if (!other.name().equals(candidate.name()) && !reservedFor.contains(other.name())) {
          queued++;
          if (Waiting.ORDER.compare(other, candidate) < 0 && !waiters.hasRunningJob(other)) {
            position++;
          }
        }
      }
      boolean admit = position < free;
      if (admit) {
        slots.admit(job, candidate.name());
        waiters.slotTaken();
      }
      depth.put(classroom, admit ? queued - 1 : queued);
      return new Admission(admit, admit ? 0 : position);
    }
  }

  /** The Job is in the cache now, or was never created: the cache alone counts it from here on. */
  public void forget(String classroom, String job) {
    ClassSlots slots = classes.computeIfAbsent(classroom, key -> new ClassSlots());
    synchronized (slots) {
      slots.pending.remove(job);
    }
  }

  /** The first {@code count} waiting submissions, as the queue would serve them (a bounded heap, not a sort of all). */
  public static List<String> heads(Collection<Waiting> waiting, int count) {
    PriorityQueue<Waiting> first = new PriorityQueue<>(Waiting.ORDER.reversed());
    for (Waiting w : waiting) {
      first.add(w);
      if (first.size() > count) {
        first.poll();
      }
    }
    return first.stream().sorted(Waiting.ORDER).map(Waiting::name).toList();
  }

  /** Submissions of the class waiting when it was last asked about (the queue-depth gauge). */
  public int depth(String classroom) {
    return depth.getOrDefault(classroom, 0);
  }
}
