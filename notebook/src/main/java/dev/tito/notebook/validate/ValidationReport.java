package dev.tito.notebook.validate;

import java.util.List;

/**
 * What validate found, nbgrader's result dict: exactly one kind of finding (or none).
 *
 * @param kind which list this is; null when there is nothing to report (success)
 */
public record ValidationReport(Kind kind, List<Entry> entries) {

  /** nbgrader's result keys, in the order they take precedence. */
  public enum Kind {
    TYPE_CHANGED("type_changed"),
    CHANGED("changed"),
    PASSED("passed"),
    FAILED("failed");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /**
   * One reported cell.
   *
   * @param oldType for type changes, the cell's current type (nbgrader's naming is swapped)
   * @param newType for type changes, the type it was released as
   * @param error for failures, the traceback and stderr text (with ANSI codes as Jupyter wrote them)
   */
  public record Entry(String source, String oldType, String newType, String error) {}

  public static ValidationReport success() {
    return new ValidationReport(null, List.of());
  }

  /** True when the student can submit as is (nothing changed, nothing failing). */
  public boolean ok(boolean invert) {
    return kind == null || (invert && kind == Kind.PASSED);
  }
}
