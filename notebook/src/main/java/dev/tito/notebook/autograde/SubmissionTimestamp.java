package dev.tito.notebook.autograde;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Map;

/**
 * nbgrader's {@code parse_utc}: timestamps as naive UTC. "date time zone" takes the zone as an offset in
 * seconds when numeric (so -0800 is -800 s), else a tz-database name, an unknown name meaning UTC; any
 * other text is an ISO-style date and time whose offset is honoured (none = UTC).
 */
public final class SubmissionTimestamp {
  /** tz-database zones Java only knows as deprecated short ids. */
  private static final Map<String, ZoneOffset> FIXED_ZONES =
      Map.of(
          "EST",
          ZoneOffset.ofHours(-5),
          "MST",
          ZoneOffset.ofHours(-7),
          "HST",
          ZoneOffset.ofHours(-10));

  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ofPattern("HH:mm"))
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalEnd()
          .toFormatter();
  private static final DateTimeFormatter PYTHON_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private SubmissionTimestamp() {}

  /** @throws IllegalArgumentException naming the text when it is no timestamp */
  public static LocalDateTime parseUtc(String text) {
    String trimmed = text.strip();
    try {
      String[] parts = trimmed.split(" ");
      if (parts.length == 3) {
        LocalDateTime local = LocalDateTime.parse(parts[0] + " " + parts[1], DATE_TIME);
        return local
            .atZone(zone(parts[2], local))
            .withZoneSameInstant(ZoneOffset.UTC)
            .toLocalDateTime();
      }
      TemporalAccessor parsed =
          DATE_TIME.parseBest(
              trimmed, java.time.OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      if (parsed instanceof java.time.OffsetDateTime offset) {
        return offset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
      }
      if (parsed instanceof LocalDate date) {
        return date.atTime(LocalTime.MIDNIGHT);
      }
      return (LocalDateTime) parsed;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a timestamp: '" + trimmed + "'");
    }
  }

  private static ZoneId zone(String name, LocalDateTime local) {
    if (name.matches("[+-]?\\d+")) {
      long seconds = Long.parseLong(name);
      if (Math.abs(seconds) >= 24 * 3600) {
        throw new DateTimeParseException("offset out of range", name, 0);
      }
      return ZoneOffset.ofTotalSeconds((int) seconds);
    }
    if (FIXED_ZONES.containsKey(name)) {
      return FIXED_ZONES.get(name);
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  /** Python's {@code str(datetime)}: microseconds only when not zero. */
  public static String format(LocalDateTime utc) {
    String text = PYTHON_SECONDS.format(utc);
    int micros = utc.getNano() / 1000;
    return micros == 0 ? text : text + String.format(".%06d", micros);
  }
}
