package dev.tito.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** One line for an API server's refusal: its own message (e.g. an admission policy's) rather than the client's. */
final class ClusterError {
  static final int FORBIDDEN = 403;

  private ClusterError() {}

  static String oneLine(KubernetesClientException e) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getCode() == 0 ? "cannot reach the Kubernetes API server" : "HTTP " + e.getCode();
    }
    return UserErrorHandler.oneLine(message);
  }
}
