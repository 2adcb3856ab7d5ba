package dev.tito.gateway.classes;

import dev.tito.gateway.session.Revocations;
import dev.tito.gateway.session.Session;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions signed out on any replica: one ConfigMap the chart makes (the gateway may read, watch and patch it by
 * name and nothing else), watched, and patched with an entry at each sign-out. Without one (a single gateway, tests),
 * the sign-outs this process saw.
 */
public final class RevokedSessions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RevokedSessions.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final Clock clock;
  private volatile Revocations shared = Revocations.NONE;
  private volatile Revocations local = Revocations.NONE;
  private SharedIndexInformer<ConfigMap> informer;

  /** @param namespace and {@code name}: the ConfigMap; null for sign-outs kept in this process only */
  public RevokedSessions(KubernetesClient client, String namespace, String name, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.clock = clock;
  }

  public void start() {
    if (name == null) {
      return;
    }
    informer =
        client
            .configMaps()
            .inNamespace(namespace)
            .withName(name)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap map) {
                    shared = Revocations.of(map.getData());
                  }

                  @Override
                  public void onUpdate(ConfigMap old, ConfigMap map) {
                    shared = Revocations.of(map.getData());
                  }

                  @Override
                  public void onDelete(ConfigMap map, boolean unknownFinalState) {
                    shared = Revocations.NONE;
                  }
                });
  }

  public boolean revoked(Session session) {
    return local.revokes(session) || shared.revokes(session);
  }

  /** Signs the session out here at once, then (blocking) on every replica through the ConfigMap; expired entries go. */
  public void revoke(Session session) {
    local = local.with(session, clock.instant());
    if (name == null) {
      return;
    }
    Map<String, String> data = new LinkedHashMap<>();
    shared.expiredKeys(clock.instant()).forEach(key -> data.put(key, null));
    Map.Entry<String, String> entry = Revocations.entry(session);
    data.put(entry.getKey(), entry.getValue());
    try {
      client
          .configMaps()
          .inNamespace(namespace)
          .withName(name)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              client.getKubernetesSerialization().asJson(Map.of("data", data)));
    } catch (KubernetesClientException e) {
      LOG.warn(
          "the sign-out of a session of {} holds on this replica only: cannot write ConfigMap {}/{}: {}",
          session.user(),
          namespace,
          name,
          e.getMessage());
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
