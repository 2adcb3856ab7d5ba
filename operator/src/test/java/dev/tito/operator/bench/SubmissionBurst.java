package dev.tito.operator.bench;

import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.SubmissionWait;
import dev.tito.operator.cluster.Owners;
import dev.tito.operator.grading.GradingJob;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * What the submission burst benchmarks share, in-process and on the real API server: the floor's writes, the burst of
 * Submissions, the watch that sees each one's Job or place in the queue, and the latencies.
 */
final class SubmissionBurst implements AutoCloseable {
  /** Requests in flight, of the floor and of the students creating Submissions. */
  static final int CLIENTS = 16;

  /** @param p50 ms from a Submission's creation to its Job's (NaN when no latency applies) */
  record Run(double seconds, double p50, double p99, double max) {}

  private final KubernetesClient watcher;
  private final int n;
  private final int cap;
  private final boolean listQueue;
  private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
  private final Map<String, Long> jobAt = new ConcurrentHashMap<>();
  private final Set<String> settled = ConcurrentHashMap.newKeySet();
  private final Watch jobs;
  private final Watch submissions;

  /**
   * Watches, before the burst, for each submission's Job and for the ones queued for a place.
   *
   * @param listQueue read the queued ones by a LIST every 200 ms instead of a watch: on the in-process API a watch's
   *     events trail the store (the mock server sends each to its 30 watches in turn), and the clock would stop late
   */
  SubmissionBurst(KubernetesClient watcher, int n, int cap, boolean listQueue) {
    this.watcher = watcher;
    this.n = n;
    this.cap = cap;
    this.listQueue = listQueue;
    this.jobs =
        watcher
            .batch()
            .v1()
            .jobs()
            .inNamespace(BurstCourse.NAMESPACE)
            .withLabel(GradingJob.SELECTOR.split("=")[0], GradingJob.COMPONENT)
            .watch(
                on(
                    (Job job) -> {
                      String submission = job.getMetadata().getLabels().get(GradingJob.SUBMISSION);
                      jobAt.putIfAbsent(submission, System.nanoTime());
                      settled.add(submission);
                    }));
    // below the cap every submission gets a Job; on a real API server a LIST of N every 200 ms
    // would load the server measured
    this.submissions =
        cap >= n || listQueue
            ? null
            : watcher
                .resources(Submission.class)
                .inNamespace(BurstCourse.NAMESPACE)
                .watch(
                    on(
                        (Submission s) -> {
                          if (waitsForPlace(s)) {
                            settled.add(s.getMetadata().getName());
                          }
                        }));
  }

  private static boolean waitsForPlace(Submission submission) {
    SubmissionStatus status = submission.getStatus();
    return status != null
        && status.phase == SubmissionPhase.Queued
        && status.waitingFor == SubmissionWait.QueuePlace;
  }

  /** Whether every submission has its Job or its place in the queue, and the first {@code cap} their Jobs. */
  private boolean allSettled() {
    if (jobAt.size() < Math.min(cap, n)) {
      return false;
    }
    if (!listQueue || cap >= n) {
      return settled.size() >= n;
    }
    Set<String> seen = new HashSet<>(jobAt.keySet());
    watcher
        .resources(Submission.class)
        .inNamespace(BurstCourse.NAMESPACE)
        .list()
        .getItems()
        .stream()
        .filter(SubmissionBurst::waitsForPlace)
        .forEach(s -> seen.add(s.getMetadata().getName()));
    return seen.size() >= n;
  }

  private interface Seen<T> {
    void accept(T object);
  }

  private static <T> Watcher<T> on(Seen<T> seen) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T object) {
        if (action == Action.ADDED || action == Action.MODIFIED) {
          seen.accept(object);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        // the benchmark ends the watch itself
      }
    };
  }

  /**
   * The students: n Submissions created by 16 clients, until each has its Job (or, past the cap, its place in the
   * queue); returns the time and the latencies of Submission to Job.
   *
   * @param perSecond the rate they are created at; 0 for as fast as the clients can
   */
  Run hand(KubernetesClient students, BurstCourse course, int perSecond)
      throws InterruptedException {
    return arrive(perSecond, i -> created(students.resource(course.submission(i)).create()));
  }

  /**
   * The floor of a paced run: a plain client that, as each submission arrives, makes it and then the writes the
   * operator makes for it, in the operator's order (the Job as soon as the files are read); its Jobs are timed as the
   * operator's are, by the same watch.
   */
  Run handAsTheFloor(KubernetesClient client, BurstCourse course, int perSecond)
      throws InterruptedException {
    return arrive(
        perSecond,
        i ->
            floorWrites(
                client, course, created(client.resource(course.submission(i)).create()), i, cap));
  }

  private Submission created(Submission submission) {
    createdAt.put(submission.getMetadata().getName(), System.nanoTime());
    return submission;
  }

  /** Submission {@code i} handed in by {@code arrival}, at {@code perSecond} (0: as fast as 16 clients can). */
  private Run arrive(int perSecond, IntConsumer arrival) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long start = System.nanoTime();
    List<CompletableFuture<Void>> creates =
        IntStream.range(0, n)
            .mapToObj(
                i ->
                    CompletableFuture.runAsync(
                        () -> {
                          if (perSecond > 0) {
                            waitUntil(start + i * 1_000_000_000L / perSecond);
                          }
                          arrival.accept(i);
                        },
                        pool))
            .toList();
    CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)).join();
    pool.shutdown();
    while (!allSettled()) {
      Thread.sleep(listQueue ? 200 : 20);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double[] latencies =
        jobAt.entrySet().stream()
            .filter(e -> createdAt.containsKey(e.getKey()))
            .mapToDouble(e -> (e.getValue() - createdAt.get(e.getKey())) / 1e6)
            .sorted()
            .toArray();
    return new Run(
        seconds,
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1]);
  }

  @Override
  public void close() {
    jobs.close();
    if (submissions != null) {
      submissions.close();
    }
  }

  /**
   * The floor: a plain client making the writes the operator has to make for the burst, 16 at a time: per submission
   * the Submission itself, a read of its files ConfigMap, the grading Job (only the first {@code cap}), the update of
   * the files (the owner reference) and the status write. Returns its seconds.
   */
  static double floor(KubernetesClient client, BurstCourse course, int n, int cap) {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long start = System.nanoTime();
    CompletableFuture.allOf(
            IntStream.range(0, n)
                .mapToObj(
                    i ->
                        CompletableFuture.runAsync(
                            () ->
                                floorWrites(
                                    client,
                                    course,
                                    client.resource(course.submission(i)).create(),
                                    i,
                                    cap),
                            pool))
                .toArray(CompletableFuture[]::new))
        .join();
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return seconds;
  }

  /** Submission {@code i}'s writes after its creation, in the operator's order. */
  private static void floorWrites(
      KubernetesClient client, BurstCourse course, Submission created, int i, int cap) {
    ConfigMap files =
        client.configMaps().inNamespace(BurstCourse.NAMESPACE).withName(BurstCourse.files(i)).get();
    if (i < cap) {
      client.resource(GradingJob.desired(course.inputs(created))).create();
    }
    files.getMetadata().setOwnerReferences(List.of(Owners.of(created)));
    client.resource(files).update();
    created.setStatus(new SubmissionStatus());
    created.getStatus().phase = i < cap ? SubmissionPhase.Grading : SubmissionPhase.Queued;
    client.resource(created).updateStatus();
  }

  /**
   * Until the operator's reconciler threads have used under 20 ms of CPU in each of two seconds: a deadline finds its
   * class set up long before, not the Classroom controller still settling the setup's events of N students.
   */
  static void awaitOperatorIdle() throws InterruptedException {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long last = -1;
    for (int quiet = 0; quiet < 2; ) {
      Thread.sleep(1000);
      long used =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().startsWith("ReconcilerExecutor-"))
              .mapToLong(t -> Math.max(0, cpu.getThreadCpuTime(t.getId())))
              .sum();
      quiet = last >= 0 && used - last < 20_000_000L ? quiet + 1 : 0;
      last = used;
    }
  }

  private static void waitUntil(long nanoTime) {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static double percentile(double[] sorted, double p) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  static String ms(double value) {
    return Double.isNaN(value) ? "-" : String.format("%.0f", value);
  }
}
