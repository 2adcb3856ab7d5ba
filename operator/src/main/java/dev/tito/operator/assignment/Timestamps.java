package dev.tito.operator.assignment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Times written by Kubernetes (RFC 3339). */
final class Timestamps {
  private Timestamps() {}

  /** The time, or the epoch when absent or unreadable: it then counts as long past. */
  static Instant orEpoch(String text) {
    try {
      return text == null ? Instant.EPOCH : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
