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
 * one class are decided one at a time; classes do not wait for each other.
 */
public final class GradingQueue {
  /** A submission waiting for grading, ordered as the queue serves it. */
  public record Waiting(String name, String creationTimestamp) {
    static final Comparator<Waiting> ORDER = Comparator.comparing(Waiting::creationTimestamp).thenComparing(Waiting::name);
  }

  /**
   * The answer for one submission.
   *
   * @param admitted a slot is reserved for its Job: create it now
   * @param position submissions ahead of it in the queue (0 when admitted)
   */
  public record Admission(boolean admitted, int position) {}

  /** Per classroom ("namespace/name"): Job name to submission name, for Jobs admitted here and not yet cached. */
  private final Map<String, Map<String, String>> admitted = new ConcurrentHashMap<>();
  private final Map<String, Integer> depth = new ConcurrentHashMap<>();

  /** The waiting submissions of one class. */
  public interface Waiters {
    /** Every one that needs a Job now, as the caches show them, in any order. */
    Collection<Waiting> now();

    /** How many are served before {@code candidate}, by an ordered copy a moment old (it may count a few that left). */
    int recentlyAhead(Waiting candidate);

    /** How many wait, by that copy. */
    int recentCount();

    /** A slot was taken: the copy no longer shows who is near the head. */
    void slotTaken();
  }

  /**
   * Admits {@code candidate} when it is among the first free slots' worth of waiting submissions. With no slot free it
   * is not admitted whatever its place; a place behind the first {@code maxConcurrent} is then read from the recent
   * ordered copy: a burst queued behind a full class costs a look-up per arrival, not a count of everyone waiting.
   *
   * @param cached whether the informer cache shows a Job (finished or not)
   * @param running grading Jobs of the class in the cache not finished
   * @param job the Job the candidate would get
   */
  public Admission admit(String classroom, int maxConcurrent, Waiting candidate, Waiters waiters,
      Predicate<String> cached, int running, String job) {
    Map<String, String> pending = pendingOf(classroom);
    synchronized (pending) {
      pending.keySet().removeIf(cached);
      Set<String> reservedFor = Set.copyOf(pending.values());
      int free = Math.max(0, maxConcurrent - running - pending.size());
      if (reservedFor.contains(candidate.name())) {
        return new Admission(true, 0);
      }
      if (free == 0) {
        int ahead = waiters.recentlyAhead(candidate);
        // near the head (the copy may still count the reserved ones) the place is counted exactly: the queue moves
        if (ahead >= maxConcurrent + pending.size()) {
          depth.put(classroom, waiters.recentCount());
          return new Admission(false, ahead);
        }
      }
      // one pass, no sort: the candidate's place is the number of waiting submissions served before it
      int queued = 1;
      int position = 0;
      for (Waiting other : waiters.now()) {
        if (!other.name().equals(candidate.name()) && !reservedFor.contains(other.name())) {
          queued++;
          position += Waiting.ORDER.compare(other, candidate) < 0 ? 1 : 0;
        }
      }
      boolean admit = position < free;
      if (admit) {
        pending.put(job, candidate.name());
        waiters.slotTaken();
      }
      depth.put(classroom, admit ? queued - 1 : queued);
      return new Admission(admit, admit ? 0 : position);
    }
  }

  private Map<String, String> pendingOf(String classroom) {
    return admitted.computeIfAbsent(classroom, key -> new HashMap<>());
  }

  /** The Job is in the cache now, or was never created: the cache alone counts it from here on. */
  public void forget(String classroom, String job) {
    Map<String, String> pending = pendingOf(classroom);
    synchronized (pending) {
      pending.remove(job);
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
