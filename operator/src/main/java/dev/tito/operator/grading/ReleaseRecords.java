package dev.tito.operator.grading;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the operator stored for a released revision (its gradebook rows, its release ConfigMaps' names), read once:
 * the objects' names carry the revision and never change, so a burst of submissions does not re-read them each.
 */
final class ReleaseRecords<T> {
  private static final int KEPT = 256;
  private final Map<String, Object> readers = new ConcurrentHashMap<>();
  private final Map<String, T> byRevision =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
          return size() > KEPT;
        }
      };

  /**
   * The value for namespace/assignment/revision; {@code read} again while it gives null (not stored yet). One read
   * at a time per revision: the first submissions of a burst wait for it rather than each sending its own.
   */
  T get(String namespace, String assignment, String revision, Supplier<T> read) {
    String key = namespace + "/" + assignment + "/" + revision;
    synchronized (readers.computeIfAbsent(key, k -> new Object())) {
      synchronized (byRevision) {
        T known = byRevision.get(key);
        if (known != null) {
          return known;
        }
      }
      T value = read.get();
      if (value != null) {
        synchronized (byRevision) {
          byRevision.put(key, value);
        }
      }
      return value;
    }
  }
}
