package dev.tito.notebook.autograde;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How one graded cell came out. */
public enum TestStatus {
  PASSED,
  FAILED,
  PARTIAL,
  NEEDS_MANUAL_GRADE,
  MISSING;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
