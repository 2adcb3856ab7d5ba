package dev.tito.notebook.autograde;

import dev.tito.notebook.ipynb.OneLineMessage;

/** A grading result that cannot be trusted: too large, not JSON, or not in the documented schema. */
public class InvalidGradingResultException extends RuntimeException {
  public InvalidGradingResultException(String message) {
    super(OneLineMessage.of(message));
  }
}
