package dev.tito.operator.assignment;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.operator.classroom.Roster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What an Assignment's reconcile reads at the API server rather than from a cache: its source (the instructor's
 * Secret, not labelled, so not watched) and its Classroom's roster. Each is read again when the object that names it
 * changed its spec, or once the last read is {@link #MAX_AGE} old: as before, an edit of the Secret or of a roster
 * ConfigMap is picked up within the controller's one-minute interval, but a reconcile woken by each of a class's
 * Submissions or delivery Jobs reads nothing. A read that found nothing is not kept: it is tried again each time.
 */
final class InstructorReads {
  /** Under the controller's one-minute reconciliation interval, so that its reconcile always reads afresh. */
  static final Duration MAX_AGE = Duration.ofSeconds(55);

  private static final int KEPT = 512;

  /** A value read at {@code at} for the spec {@code version} ("uid/generation") of the object that names it. */
  record Read<T>(String version, Instant at, T value) {}

  private final Map<String, Read<AssignmentSource>> sources = lru();
  private final Map<String, Read<Roster>> rosters = lru();

  /** The Assignment's source, or null when neither a Secret nor a ConfigMap of that name exists. */
  AssignmentSource source(Assignment assignment, Instant now, Supplier<AssignmentSource> read) {
    return kept(sources, assignment, now, read, source -> source != null);
  }

  /** The Classroom's roster; one that could not be read at all is read again each time. */
  Roster roster(Classroom classroom, Instant now, Supplier<Roster> read) {
    return kept(rosters, classroom, now, read, Roster::complete);
  }

  /** Whether a value read before may still be used for this spec version at {@code now}. */
  static boolean fresh(Read<?> read, String version, Instant now) {
    return read != null
        && read.version().equals(version)
        && !now.isBefore(read.at())
        && now.isBefore(read.at().plus(MAX_AGE));
  }

  private static <T> T kept(
      Map<String, Read<T>> reads,
      HasMetadata namer,
      Instant now,
      Supplier<T> read,
      Predicate<T> worthKeeping) {
    String key = namer.getMetadata().getNamespace() + "/" + namer.getMetadata().getName();
    String version = namer.getMetadata().getUid() + "/" + namer.getMetadata().getGeneration();
    synchronized (reads) {
      Read<T> last = reads.get(key);
      if (fresh(last, version, now)) {
        return last.value();
      }
    }
    // read outside the lock: Assignments reconcile in parallel
    T value = read.get();
    synchronized (reads) {
      if (worthKeeping.test(value)) {
        reads.put(key, new Read<>(version, now, value));
      } else {
        reads.remove(key);
      }
    }
    return value;
  }

  // least recently used goes first once more objects than KEPT were read
  private static <T> Map<String, Read<T>> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Read<T>> eldest) {
        return size() > KEPT;
      }
    };
  }
}
