package dev.tito.api;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * A build-time step of the CRD generator ({@code @SchemaCustomizer(value = KeyedList.class, input = "<list>:<key>")}
 * on the class holding the list): the list becomes {@code x-kubernetes-list-type: map} keyed by {@code <key>}, so the
 * API server refuses two items with the same key, which no generator annotation can say.
 */
public final class KeyedList implements SchemaCustomizer.Customizer {
  @Override
  public JSONSchemaProps apply(JSONSchemaProps props, String input, KubernetesSerialization serialization) {
    String[] listAndKey = input.split(":", 2);
    JSONSchemaProps list = props.getProperties().get(listAndKey[0]);
    if (listAndKey.length != 2 || list == null || !"array".equals(list.getType())
        || !list.getItems().getSchema().getRequired().contains(listAndKey[1])) {
      throw new IllegalArgumentException("KeyedList input must be <list>:<key> naming a list property of the class and a "
          + "required field of its items, got '" + input + "'");
    }
    list.setXKubernetesListType("map");
    list.setXKubernetesListMapKeys(List.of(listAndKey[1]));
    return props;
  }
}
