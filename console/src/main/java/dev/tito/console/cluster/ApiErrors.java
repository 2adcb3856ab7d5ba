package dev.tito.console.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** A Kubernetes API failure as one line a person can act on, instead of the client's multi-line dump. */
public final class ApiErrors {
  public static final int FORBIDDEN = 403;

  private ApiErrors() {}

  public static String oneLine(KubernetesClientException e) {
    if (e.getStatus() == null || e.getCode() <= 0) {
      // no HTTP answer at all: the deepest cause says why (refused, unknown host, TLS)
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      String why =
          cause.getMessage() == null
              ? cause.getClass().getSimpleName()
              : cause.getClass().getSimpleName() + ": " + cause.getMessage();
      return "cannot reach the cluster (check your kubeconfig context): " + oneLine(why);
    }
    String message =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    String hint =
        switch (e.getCode()) {
          case 401 -> " (your credentials were refused: log in again)";
          case 404 -> " (are the tito CRDs installed? helm install tito-operator)";
          default -> "";
        };
    return oneLine(message) + hint;
  }

  private static String oneLine(String message) {
    return message.replace("\r", " ").replace("\n", " ");
  }
}
