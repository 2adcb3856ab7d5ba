package dev.tito.operator.grading;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The one place that admits submissions to grading, per Classroom: at most {@code maxConcurrent} unfinished grading
 * Jobs, handed out first come first served (creationTimestamp, then name). It keeps nothing the cluster does not: the
 * waiting submissions and running Jobs come from the informer caches on every call, plus the Jobs this process
 * admitted that the cache has not shown yet (so two reconciles at once cannot both take the last slot).
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
  private final Map<String, Map<String, String>> admitted = new HashMap<>();
  private final Map<String, Integer> depth = new ConcurrentHashMap<>();

  /**
   * Admits {@code candidate} when it is among the first free slots' worth of waiting submissions.
   *
   * @param waiting submissions of the class that need a Job now (candidate included), in any order
   * @param cachedJobs every grading Job of the class in the informer cache
   * @param runningJobs those of them not finished
   * @param job the Job the candidate would get
   */
  public synchronized Admission admit(String classroom, int maxConcurrent, Waiting candidate, List<Waiting> waiting,
      Set<String> cachedJobs, Set<String> runningJobs, String job) {
    Map<String, String> pending = admitted.computeIfAbsent(classroom, key -> new HashMap<>());
    pending.keySet().removeIf(cachedJobs::contains);
    Set<String> reservedFor = Set.copyOf(pending.values());
    List<Waiting> queue = Stream.concat(waiting.stream(), Stream.of(candidate)).distinct()
        .filter(w -> !reservedFor.contains(w.name()) || w.name().equals(candidate.name()))
        .sorted(Waiting.ORDER).toList();
    int running = runningJobs.size() + pending.size();
    int position = queue.indexOf(candidate);
    int free = Math.max(0, maxConcurrent - running);
    boolean admit = reservedFor.contains(candidate.name()) || position < free;
    if (admit) {
      pending.put(job, candidate.name());
    }
    depth.put(classroom, (int) queue.stream().filter(w -> !w.equals(candidate) || !admit).count());
    return new Admission(admit, admit ? 0 : position);
  }

  /** The Job is in the cache now, or was never created: the cache alone counts it from here on. */
  public synchronized void forget(String classroom, String job) {
    Map<String, String> pending = admitted.get(classroom);
    if (pending != null) {
      pending.remove(job);
    }
  }

  /** The first {@code count} waiting submissions, as the queue would serve them. */
  public static List<String> heads(List<Waiting> waiting, int count) {
    return waiting.stream().sorted(Waiting.ORDER).limit(count).map(Waiting::name).toList();
  }

  /** Submissions of the class waiting when it was last asked about (the queue-depth gauge). */
  public int depth(String classroom) {
    return depth.getOrDefault(classroom, 0);
  }
}
