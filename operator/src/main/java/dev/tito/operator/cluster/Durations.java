package dev.tito.operator.cluster;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the Go-style durations of the spec ("90s", "30m", "1h30m"), as the CRD's CEL rules accept them. */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("([0-9]+(s|m|h))+");
  private static final Pattern PART = Pattern.compile("([0-9]+)(s|m|h)");

  private Durations() {}

  /** The duration, or throws IllegalArgumentException naming the field. */
  public static Duration parse(String field, String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          field + " '" + text + "' is not a duration such as 30m or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total =
          total.plus(
              switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
              });
    }
    return total;
  }
}
