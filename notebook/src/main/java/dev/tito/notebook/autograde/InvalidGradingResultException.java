package dev.tito.notebook.autograde;

/** A grading result that cannot be trusted: too large, not JSON, or not in the documented schema. */
public class InvalidGradingResultException extends RuntimeException {
  public InvalidGradingResultException(String message) {
    super(message);
  }
}
