package dev.tito.operator.assignment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Creates an object whose name fixes its content: when one of that name exists (409) it is left as it is. */
final class CreateOnce {
  private CreateOnce() {}

  /** The created object, or null when it already existed. */
  static <T extends HasMetadata> T create(KubernetesClient client, T object) {
    try {
      return client.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      return null;
    }
  }
}
