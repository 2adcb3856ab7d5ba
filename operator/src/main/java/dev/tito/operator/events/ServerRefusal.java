package dev.tito.operator.events;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What a person needs from an API server's refusal: its own message, on one line. */
public final class ServerRefusal {
  private ServerRefusal() {}

  public static String describe(Throwable error) {
    Throwable cause = error;
    while (!(cause instanceof KubernetesClientException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message =
        cause instanceof KubernetesClientException refusal
                && refusal.getStatus() != null
                && refusal.getStatus().getMessage() != null
            ? refusal.getStatus().getMessage()
            : cause.getMessage();
    if (message == null) {
      return cause instanceof KubernetesClientException refusal
          ? "HTTP " + refusal.getCode()
          : cause.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse("");
  }
}
