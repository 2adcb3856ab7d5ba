package dev.tito.gateway.session;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sessions signed out before their cookie expires. A signed cookie is valid on every replica until it expires, so a
 * copy of it (taken from a shared computer, a proxy's log) would outlive the sign-out unless every replica knows the
 * session ended: they share these entries, {@code session.<id>: <expiry, epoch seconds>}, in one ConfigMap.
 */
public record Revocations(Map<String, Long> expiries) {
  public static final Revocations NONE = new Revocations(Map.of());
  static final String PREFIX = "session.";

  public Revocations {
    expiries = Map.copyOf(expiries);
  }

  /** The entries of a ConfigMap's data; anything else in it (a key without the prefix, a bad number) is ignored. */
  public static Revocations of(Map<String, String> data) {
    Map<String, Long> expiries = new HashMap<>();
    if (data != null) {
      data.forEach(
          (key, value) -> {
            if (key.startsWith(PREFIX)) {
              try {
                expiries.put(key.substring(PREFIX.length()), Long.parseLong(value.trim()));
              } catch (NumberFormatException e) {
                // not written by a gateway: it revokes nothing
              }
            }
          });
    }
    return new Revocations(expiries);
  }

  public boolean revokes(Session session) {
    return expiries.containsKey(session.id());
  }

  /** These and the session's, without the entries whose cookies have expired by {@code now}. */
  public Revocations with(Session session, Instant now) {
    Map<String, Long> more = new HashMap<>(expiries);
    more.put(session.id(), session.expires());
    more.values().removeIf(expires -> expires <= now.getEpochSecond());
    return new Revocations(more);
  }

  /** The data entry that signs this session out everywhere. */
  public static Map.Entry<String, String> entry(Session session) {
    return Map.entry(PREFIX + session.id(), Long.toString(session.expires()));
  }

  /** Keys of entries whose cookies have expired anyway: removed with the next write, so the list stays small. */
  public List<String> expiredKeys(Instant now) {
    return expiries.entrySet().stream()
        .filter(e -> e.getValue() <= now.getEpochSecond())
        .map(e -> PREFIX + e.getKey())
        .sorted()
        .toList();
  }
}
