package dev.tito.notebook.fuzz;

import java.util.List;

/**
 * The contract every fuzz target checks: the code under test either succeeds or throws one of the
 * module's own user exceptions with a one-line message. Anything else (an unchecked exception, a
 * stack overflow, an error) escapes to Jazzer as a finding.
 */
final class UserErrors {
  private UserErrors() {}

  /** Runs {@code action}; an exception of one of {@code allowed} must carry a one-line message. */
  @SafeVarargs
  static void allow(Runnable action, Class<? extends RuntimeException>... allowed) {
    try {
      action.run();
    } catch (RuntimeException e) {
      if (List.of(allowed).stream().noneMatch(type -> type.isInstance(e))) {
        throw e;
      }
      String message = e.getMessage();
      if (message == null || message.isBlank() || message.contains("\n")) {
        throw new AssertionError("not a one-line user error: " + e.getClass().getName() + ": " + message, e);
      }
    }
  }
}
