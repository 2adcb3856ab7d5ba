package dev.tito.controlplane;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.BooleanSupplier;

/** What a test waits for that a watch, a browser or an admission policy does moments later. */
public final class Eventually {
  private Eventually() {}

  /** Returns once the condition holds; fails naming what was awaited after 30 seconds. */
  public static void holds(BooleanSupplier condition, String what) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  /**
   * The message the API server refuses the write with, tried for 10 seconds (an admission policy takes effect moments
   * after the install), or "accepted every time".
   */
  public static String refused(Runnable write) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      try {
        write.run();
      } catch (KubernetesClientException e) {
        return e.getMessage();
      }
      Thread.sleep(200);
    }
    return "accepted every time";
  }
}
