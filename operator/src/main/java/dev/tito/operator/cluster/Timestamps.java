package dev.tito.operator.cluster;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Times as Kubernetes and the CRDs write them (RFC 3339). */
public final class Timestamps {
  private Timestamps() {}

  /** The time, or the epoch when absent or unreadable: it then counts as long past. */
  public static Instant orEpoch(String text) {
    Instant time = orNull(text);
    return time == null ? Instant.EPOCH : time;
  }

  /** The time, or null when absent, blank or unreadable. */
  public static Instant orNull(String text) {
    try {
      return text == null || text.isBlank() ? null : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
