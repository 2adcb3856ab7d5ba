package dev.tito.notebook.autograde;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** Python's {@code float(str)}: what nbgrader applies to a test cell's result for partial credit. */
final class PythonFloatParser {
  private static final Pattern DIGITS = Pattern.compile("\\d(_?\\d)*");
  private static final Pattern DECIMAL =
      Pattern.compile(
          "[+-]?("
              + DIGITS
              + "(\\.("
              + DIGITS
              + ")?)?|\\.("
              + DIGITS
              + "))([eE][+-]?"
              + DIGITS
              + ")?");
  private static final Pattern SPECIAL = Pattern.compile("[+-]?(inf|infinity|nan)");

  private PythonFloatParser() {}

  /** The value, or empty where Python raises ValueError. */
  static OptionalDouble parse(String text) {
    String stripped = text.strip();
    if (DECIMAL.matcher(stripped).matches()) {
      return OptionalDouble.of(Double.parseDouble(stripped.replace("_", "")));
    }
    String lower = stripped.toLowerCase(Locale.ROOT);
    if (SPECIAL.matcher(lower).matches()) {
      boolean negative = lower.startsWith("-");
      if (lower.contains("nan")) {
        return OptionalDouble.of(Double.NaN);
      }
      return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    return OptionalDouble.empty();
  }
}
