package dev.tito.operator.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Gives up the leader Lease at shutdown so a standby takes over at once instead of after the lease duration
 * (JOSDK's elector does not release on stop).
 */
public final class LeaseRelease {
  private LeaseRelease() {}

  /** Clears the holder if it is still {@code identity}; a lease already taken over is left alone. */
  public static void release(
      KubernetesClient client, String namespace, String name, String identity) {
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(name).get();
      if (lease == null
          || lease.getSpec() == null
          || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      // what client-go and Fabric8 write on release: no holder, a one-second duration
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      client.resource(lease).update();
    } catch (KubernetesClientException e) {
      // a conflict means another replica took the lease; anything else leaves it to expire on its
      // own
      System.err.println(
          "tito-operator: lease " + namespace + "/" + name + " not released: " + e.getMessage());
    }
  }
}
