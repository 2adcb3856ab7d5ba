package dev.tito.operator.grading;

import dev.tito.api.classroom.Classroom;
import dev.tito.operator.classroom.Roster;
import dev.tito.operator.classroom.RosterReader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Who is on each Classroom's roster, for the grading checks: the last complete read is reused, and read again
 * whenever a student is not in it (so a student added a moment ago is never refused on an old copy).
 */
final class RosterIds {
  private final RosterReader reader;
  private final Map<String, Set<String>> known = new ConcurrentHashMap<>();
  private final Map<String, Object> readers = new ConcurrentHashMap<>();

  RosterIds(RosterReader reader) {
    this.reader = reader;
  }

  /** Whether {@code student} is on the roster; null when the roster cannot be read. One read at a time per class. */
  Boolean contains(Classroom classroom, String student) {
    String key = classroom.getMetadata().getNamespace() + "/" + classroom.getMetadata().getName();
    if (knows(key, student)) {
      return true;
    }
    synchronized (readers.computeIfAbsent(key, k -> new Object())) {
      // another reconcile may have read it while this one waited
      if (knows(key, student)) {
        return true;
      }
      Roster roster = reader.read(classroom);
      if (!roster.complete()) {
        return null;
      }
      Set<String> ids =
          roster.students().stream().map(s -> s.id()).collect(Collectors.toUnmodifiableSet());
      known.put(key, ids);
      return ids.contains(student);
    }
  }

  private boolean knows(String key, String student) {
    Set<String> ids = known.get(key);
    return ids != null && ids.contains(student);
  }
}
