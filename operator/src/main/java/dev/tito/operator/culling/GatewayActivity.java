package dev.tito.operator.culling;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * When the tito gateway last proxied a request to each student's server: it keeps one ConfigMap per class,
 * {@code <classroom>-gateway-activity}, whose keys are student ids and values RFC 3339 instants. A server the gateway
 * saw in use needs no probe of its own to know it is not idle.
 */
public final class GatewayActivity {
  public static final String SUFFIX = "-gateway-activity";

  private final KubernetesClient client;

  public GatewayActivity(KubernetesClient client) {
    this.client = client;
  }

  public static String configMapName(String classroom) {
    return classroom + SUFFIX;
  }

  /** The last time the gateway saw each student's server used, by student id; empty when it never did (or no gateway). */
  public Map<String, Instant> lastSeen(String namespace, String classroom) {
    try {
      ConfigMap map =
          client.configMaps().inNamespace(namespace).withName(configMapName(classroom)).get();
      return map == null ? Map.of() : parse(map.getData());
    } catch (KubernetesClientException e) {
      return Map.of();
    }
  }

  /** The entries that are instants; anything else is ignored (the map is written by another program). */
  public static Map<String, Instant> parse(Map<String, String> data) {
    Map<String, Instant> seen = new HashMap<>();
    if (data != null) {
      data.forEach(
          (student, at) -> {
            try {
              seen.put(student, Instant.parse(at));
            } catch (DateTimeParseException ignored) {
              // not an instant: not activity
            }
          });
    }
    return seen;
  }
}
