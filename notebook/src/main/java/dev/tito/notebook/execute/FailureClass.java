package dev.tito.notebook.execute;

/** Why a grading run produced no trustworthy outputs (or {@link #OK} when it did). */
public enum FailureClass {
  OK,
  TIMEOUT,
  OUT_OF_MEMORY,
  KERNEL_DIED,
  INVALID_NOTEBOOK;

  /** The lower-case name used in result files and tables. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
