package dev.tito.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** A Kubernetes API failure as one line a person can act on, instead of the client's multi-line dump. */
final class ApiErrors {
  private ApiErrors() {}

  static String oneLine(KubernetesClientException e) {
    if (e.getStatus() == null || e.getCode() <= 0) {
      // no HTTP answer at all: the deepest cause says why (refused, unknown host, TLS)
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return "cannot reach the cluster (check your kubeconfig context): " + UserErrorHandler.oneLine(String.valueOf(
          cause.getMessage()));
    }
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : e.getMessage();
    String hint = switch (e.getCode()) {
      case 401 -> " (your credentials were refused: log in again)";
      case 403 -> " (your kubeconfig user may not do this)";
      case 404 -> " (are the tito CRDs installed? helm install tito-operator)";
      default -> "";
    };
    return UserErrorHandler.oneLine(message) + hint;
  }
}
