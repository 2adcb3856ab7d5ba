package dev.tito.operator.assignment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * The last gated build of each Assignment's source, by revision: Submission and Job events reconcile an Assignment
 * often, and its unchanged source need not pass the gates again each time.
 */
final class BuiltRevisions {
  private static final int KEPT = 512;

  private record Built(String revision, ModuleBuild.Outcome outcome) {}

  // least recently used goes first once more Assignments than KEPT were built
  private final Map<String, Built> built =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Built> eldest) {
          return size() > KEPT;
        }
      };

  ModuleBuild.Outcome of(String assignmentKey, String revision, SortedMap<String, byte[]> files) {
    synchronized (built) {
      Built last = built.get(assignmentKey);
      if (last != null && last.revision().equals(revision)) {
        return last.outcome();
      }
    }
    // built outside the lock: Assignments reconcile in parallel
    ModuleBuild.Outcome outcome = ModuleBuild.of(files);
    synchronized (built) {
      built.put(assignmentKey, new Built(revision, outcome));
    }
    return outcome;
  }
}
