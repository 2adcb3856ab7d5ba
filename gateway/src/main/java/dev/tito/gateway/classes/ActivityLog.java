package dev.tito.gateway.classes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.culling.GatewayActivity;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the gateway's traffic as activity for idle culling: each proxied request is noted in memory (no write per
 * request), and {@link #flush} writes, per class, the students seen since the last flush into the class's
 * {@code <classroom>-gateway-activity} ConfigMap with one merge patch (replicas only add keys, never remove others').
 * The operator does not ask a server the gateway saw in use within its idle timeout.
 */
public final class ActivityLog {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NOT_FOUND = 404;

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<ServerRef, Instant> unwritten = new ConcurrentHashMap<>();

  public ActivityLog(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void record(ServerRef server) {
    unwritten.put(server, clock.instant());
  }

  /** Writes what was seen since the last flush: one patch per class. */
  public void flush() {
    Map<String, Map<String, String>> byClass = new HashMap<>();
    for (ServerRef server : Map.copyOf(unwritten).keySet()) {
      Instant at = unwritten.remove(server);
      if (at != null) {
        byClass
            .computeIfAbsent(server.namespace() + "/" + server.classroom(), k -> new HashMap<>())
            .put(server.student(), at.toString());
      }
    }
    byClass.forEach(
        (key, students) ->
            write(
                key.substring(0, key.indexOf('/')), key.substring(key.indexOf('/') + 1), students));
  }

  private void write(String namespace, String classroom, Map<String, String> students) {
    String name = GatewayActivity.configMapName(classroom);
    try {
      client
          .configMaps()
          .inNamespace(namespace)
          .withName(name)
          .patch(
              new PatchContext.Builder()
                  .withPatchType(PatchType.JSON_MERGE)
                  .withFieldManager(KubernetesClasses.FIELD_MANAGER)
                  .build(),
              JSON.writeValueAsString(Map.of("data", students)));
    } catch (KubernetesClientException e) {
      if (e.getCode() != NOT_FOUND) {
        LOG.warn(
            "cannot record the gateway's activity for {}/{}: {}",
            namespace,
            classroom,
            e.getMessage());
        return;
      }
      create(namespace, classroom, name, students);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void create(
      String namespace, String classroom, String name, Map<String, String> students) {
    try {
      client
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(namespace)
                  .addToLabels(ClassroomLabels.CLASSROOM, classroom)
                  .addToLabels(ClassroomLabels.MANAGED_BY, KubernetesClasses.FIELD_MANAGER)
                  .endMetadata()
                  .withData(students)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "cannot record the gateway's activity for {}/{}: {}",
          namespace,
          classroom,
          e.getMessage());
    }
  }
}
