package dev.tito.notebook.validate;

/** The kernel run of a validation failed as a whole (deadline, dead kernel, unreadable output). */
public class ValidationRunException extends RuntimeException {
  public ValidationRunException(String message) {
    super(message);
  }
}
