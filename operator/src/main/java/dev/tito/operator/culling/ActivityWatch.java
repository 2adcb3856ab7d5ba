package dev.tito.operator.culling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Polls every running server of every tracked classroom for its last kernel activity, keeps the answers in memory
 * (never a write per poll), and asks for a reconcile of a classroom as soon as one of its servers is idle too long.
 */
public final class ActivityWatch implements AutoCloseable {
  private static final int PROBES_IN_FLIGHT = 16;

  /** What a classroom asked to be watched: its running servers and how long they may idle. */
  private record Tracked(Duration idleTimeout, List<ProbeTarget> targets) {}

  private final ServerActivity activity;
  private final BiFunction<String, String, Map<String, Instant>> gatewaySeen;
  private final Clock clock;
  private final Map<String, Tracked> classrooms = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastActivity = new ConcurrentHashMap<>();
  private final ScheduledExecutorService schedule =
      Executors.newSingleThreadScheduledExecutor(daemon("tito-activity"));
  private final ExecutorService probes =
      Executors.newFixedThreadPool(PROBES_IN_FLIGHT, daemon("tito-activity-probe"));

  public ActivityWatch(ServerActivity activity, Clock clock) {
    this(activity, (namespace, classroom) -> Map.of(), clock);
  }

  /**
   * @param gatewaySeen when the gateway last saw each student's server used, by (namespace, classroom): such a server is
   *     not asked while that is within its idle timeout
   */
  public ActivityWatch(
      ServerActivity activity,
      BiFunction<String, String, Map<String, Instant>> gatewaySeen,
      Clock clock) {
    this.activity = activity;
    this.gatewaySeen = gatewaySeen;
    this.clock = clock;
  }

  /**
   * Starts polling.
   *
   * @param stillExists whether a classroom key (namespace/name) still exists; gone ones are forgotten
   * @param idle called with a classroom key when one of its servers has been idle past its timeout
   */
  public void start(Duration interval, Predicate<String> stillExists, Consumer<String> idle) {
    schedule.scheduleWithFixedDelay(
        () -> pollOnce(stillExists, idle),
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Replaces what is watched for a classroom; an idleTimeout of zero stops watching it. */
  public void track(String classroom, Duration idleTimeout, List<ProbeTarget> running) {
    Tracked previous =
        idleTimeout.isZero()
            ? classrooms.remove(classroom)
            : classrooms.put(classroom, new Tracked(idleTimeout, running));
    if (previous != null) {
      previous.targets().stream()
          .filter(
              t ->
                  idleTimeout.isZero()
                      || running.stream().noneMatch(r -> r.server().equals(t.server())))
          .forEach(t -> lastActivity.remove(t.server()));
    }
  }

  /** The last activity of a server idle for longer than idleTimeout, or empty when it is in use or unknown. */
  public Optional<Instant> idleSince(String server, Duration idleTimeout) {
    Instant last = lastActivity.get(server);
    if (last == null || idleTimeout.isZero() || !clock.instant().isAfter(last.plus(idleTimeout))) {
      return Optional.empty();
    }
    return Optional.of(last);
  }

  void pollOnce(Predicate<String> stillExists, Consumer<String> idle) {
    classrooms.keySet().removeIf(classroom -> !stillExists.test(classroom));
    classrooms.forEach(
        (classroom, tracked) -> {
          List<ProbeTarget> unseen = withoutGatewaySeen(classroom, tracked);
          List<CompletableFuture<Boolean>> answers =
              unseen.stream()
                  .map(
                      target ->
                          CompletableFuture.supplyAsync(
                              () -> probe(target, tracked.idleTimeout()), probes))
                  .toList();
          // every answer is awaited (anyMatch alone would stop at the first idle one and leave
          // probes running)
          List<Boolean> idleAnswers = answers.stream().map(CompletableFuture::join).toList();
          if (idleAnswers.contains(Boolean.TRUE)) {
            idle.accept(classroom);
          }
        });
  }

  /** Records the gateway's sightings and returns the servers it did not see used within their idle timeout. */
  private List<ProbeTarget> withoutGatewaySeen(String classroom, Tracked tracked) {
    String namespace = classroom.substring(0, classroom.indexOf('/'));
    String prefix = namespace + "/" + classroom.substring(classroom.indexOf('/') + 1) + "-";
    Map<String, Instant> seen =
        gatewaySeen.apply(namespace, classroom.substring(classroom.indexOf('/') + 1));
    Instant now = clock.instant();
    return tracked.targets().stream()
        .filter(
            target -> {
              Instant at =
                  target.server().startsWith(prefix)
                      ? seen.get(target.server().substring(prefix.length()))
                      : null;
              if (at == null) {
                return true;
              }
              lastActivity.merge(target.server(), at, (a, b) -> a.isAfter(b) ? a : b);
              return now.isAfter(at.plus(tracked.idleTimeout()));
            })
        .toList();
  }

  private boolean probe(ProbeTarget target, Duration idleTimeout) {
    activity
        .lastActivity(target.statusUri(), target.token())
        .ifPresent(at -> lastActivity.put(target.server(), at));
    return idleSince(target.server(), idleTimeout).isPresent();
  }

  @Override
  public void close() {
    schedule.shutdownNow();
    probes.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
