package dev.tito.notebook.ipynb;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;

/** Formats a double the way Python's {@code repr(float)} does (nbformat writes numbers with it). */
public final class PythonFloat {
  private PythonFloat() {}

  public static String repr(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e16) {
      // whole numbers below 1e16 (points, scores) print as Python does: digits and ".0"
      return Long.toString((long) value) + ".0";
    }
    // Schubfach gives the shortest round-trip digits, as Python's repr does; only the layout
    // differs.
    BigDecimal shortest =
        new BigDecimal(DoubleToDecimal.toString(Math.abs(value))).stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int decpt = digits.length() - shortest.scale();
    if (digits.length() == 2) {
      // Java never prints fewer than two significant digits, Python prints one when it round-trips.
      int single = singleDigit(Math.abs(value), digits, decpt);
      if (single == 10) {
        digits = "1";
        decpt++;
      } else if (single > 0) {
        digits = Integer.toString(single);
      }
    }
    StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
    if (decpt <= -4 || decpt > 16) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int exp = decpt - 1;
      out.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        out.append('0');
      }
      out.append(abs);
    } else if (decpt <= 0) {
      out.append("0.").append("0".repeat(-decpt)).append(digits);
    } else if (decpt >= digits.length()) {
      out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
    } else {
      out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
    }
    return out.toString();
  }

  /** The one-digit mantissa (1 to 10) closest to {@code value} that round-trips, or 0 if none does. */
  private static int singleDigit(double value, String digits, int decpt) {
    int two = Integer.parseInt(digits);
    BigDecimal exact = new BigDecimal(value);
    int best = 0;
    BigDecimal bestDistance = null;
    for (int candidate : new int[] {two / 10, two / 10 + 1}) {
      BigDecimal decimal = new BigDecimal(candidate).scaleByPowerOfTen(decpt - 1);
      if (candidate > 0 && decimal.doubleValue() == value) {
        BigDecimal distance = decimal.subtract(exact).abs();
        if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
          best = candidate;
          bestDistance = distance;
        }
      }
    }
    return best;
  }
}
