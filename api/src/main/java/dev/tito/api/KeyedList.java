package dev.tito.api;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * A build-time step of the CRD generator ({@code @SchemaCustomizer(value = KeyedList.class, input =
 * "<list>:<key>[,<key>...]")} on the class holding the list): the list becomes {@code x-kubernetes-list-type: map}
 * keyed by those fields, so the API server refuses two items with the same keys, which no generator annotation can say.
 */
public final class KeyedList implements SchemaCustomizer.Customizer {
  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps props, String input, KubernetesSerialization serialization) {
    String[] listAndKeys = input.split(":", 2);
    JSONSchemaProps list = props.getProperties().get(listAndKeys[0]);
    List<String> keys = listAndKeys.length == 2 ? List.of(listAndKeys[1].split(",")) : List.of();
    if (keys.isEmpty()
        || list == null
        || !"array".equals(list.getType())
        || !list.getItems().getSchema().getRequired().containsAll(keys)) {
      throw new IllegalArgumentException(
          "KeyedList input must be <list>:<key>[,<key>...] naming a list property of the "
              + "class and required fields of its items, got '"
              + input
              + "'");
    }
    list.setXKubernetesListType("map");
    list.setXKubernetesListMapKeys(keys);
    return props;
  }
}
