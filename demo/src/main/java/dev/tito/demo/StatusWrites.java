package dev.tito.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Consumer;

/** Status writes as a controller makes them: change the latest version, write it, again on a conflict. */
final class StatusWrites {
  private static final int ATTEMPTS = 10;

  private StatusWrites() {}

  /** Applies {@code change} to the latest version of the object and writes its status; false when the object is gone. */
  static <T extends HasMetadata> boolean edit(
      KubernetesClient client, Class<T> type, String namespace, String name, Consumer<T> change) {
    for (int attempt = 1; ; attempt++) {
      T latest = client.resources(type).inNamespace(namespace).withName(name).get();
      if (latest == null) {
        return false;
      }
      change.accept(latest);
      try {
        client.resource(latest).updateStatus();
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return false;
        }
        if (e.getCode() != 409 || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
