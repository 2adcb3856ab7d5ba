package dev.tito.console.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One-line messages shown once on the page a form leads to, kept here and named in its address by a random id (so an
 * address cannot put words in the console's mouth).
 */
final class Flash {
  private static final int KEPT = 64;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> messages =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > KEPT;
        }
      };

  /** Keeps {@code message}; returns its id. */
  synchronized String keep(String message) {
    byte[] id = new byte[8];
    random.nextBytes(id);
    String key = HexFormat.of().formatHex(id);
    messages.put(key, message);
    return key;
  }

  /** The message of {@code id}, once; null when there is none. */
  synchronized String take(String id) {
    return id == null ? null : messages.remove(id);
  }
}
