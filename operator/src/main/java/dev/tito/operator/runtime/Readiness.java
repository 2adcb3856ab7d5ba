package dev.tito.operator.runtime;

import java.util.function.BooleanSupplier;

/**
 * When a replica is ready: once started, a leader (or the only replica) when its informers are healthy; a standby
 * always, because its controllers start only on taking the lease and an unready standby would stall rollouts.
 */
public final class Readiness {
  private Readiness() {}

  /** {@code informersHealthy} is asked only of a started leader (JOSDK throws when asked before start). */
  public static boolean ready(boolean started, boolean leading, BooleanSupplier informersHealthy) {
    return started && (!leading || informersHealthy.getAsBoolean());
  }
}
