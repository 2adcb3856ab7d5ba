package dev.tito.operator.runtime;

import sun.misc.Signal;

/**
 * SIGTERM (the kubelet stopping the pod) and SIGINT close the operator — releasing the lease and stopping the
 * HTTP server — and exit 0; a plain shutdown hook would end with 143 and races JOSDK's own exit.
 */
public final class GracefulShutdown {
  private GracefulShutdown() {}

  public static void onTerminate(AutoCloseable operator) {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            int code = 0;
            try {
              operator.close();
            } catch (Exception e) {
              System.err.println("tito-operator: shutdown failed: " + e.getMessage());
              code = 1;
            }
            System.exit(code);
          });
    }
  }
}
