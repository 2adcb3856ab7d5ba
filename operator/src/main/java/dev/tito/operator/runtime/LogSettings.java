package dev.tito.operator.runtime;

import java.util.Map;
import java.util.Set;

/** TITO_LOG_FORMAT and TITO_LOG_LEVEL, read by logback.xml; checked here because logback ignores a bad value silently. */
public final class LogSettings {
  public static final String FORMAT = "TITO_LOG_FORMAT";
  public static final String LEVEL = "TITO_LOG_LEVEL";
  private static final Set<String> FORMATS = Set.of("text", "json");
  private static final Set<String> LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private LogSettings() {}

  /** @throws IllegalArgumentException naming the variable and the values it takes */
  public static void check(Map<String, String> env) {
    String format = env.get(FORMAT);
    if (format != null && !FORMATS.contains(format)) {
      throw new IllegalArgumentException(FORMAT + " must be text or json, got '" + format + "'");
    }
    String level = env.get(LEVEL);
    if (level != null && !LEVELS.contains(level.toUpperCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException(
          LEVEL + " must be one of trace, debug, info, warn, error, off, got '" + level + "'");
    }
  }
}
