package dev.tito.operator.classroom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Drift, read from an object's managed fields: a field the operator applies that another actor changed since (a
 * {@code kubectl edit}, a script's update) now belongs to that actor. Walking the actor's field set along the desired
 * object needs no schema: the set names list elements by their keys.
 */
public final class FieldOwnership {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FieldOwnership() {}

  /** Whether an actor other than {@code manager} changed, after the manager's last apply, a field desired sets. */
  public static boolean drifted(HasMetadata existing, HasMetadata desired, String manager) {
    List<ManagedFieldsEntry> entries = existing.getMetadata().getManagedFields();
    if (entries == null) {
      return false;
    }
    Instant applied = entries.stream().filter(e -> manager.equals(e.getManager()) && "Apply".equals(e.getOperation()))
        .map(e -> e.getTime() == null ? Instant.MIN : Instant.parse(e.getTime())).findFirst().orElse(null);
    if (applied == null) {
      return false;
    }
    JsonNode wanted = JSON.valueToTree(desired);
    return entries.stream()
        .filter(e -> !manager.equals(e.getManager()) && "Update".equals(e.getOperation()))
        .filter(e -> e.getSubresource() == null || e.getSubresource().isEmpty())
        // an older writer (the operator before it applied, a controller's defaults) is not drift
        .filter(e -> e.getTime() != null && Instant.parse(e.getTime()).isAfter(applied))
        .anyMatch(e -> e.getFieldsV1() != null && sets(JSON.valueToTree(e.getFieldsV1().getAdditionalProperties()), wanted));
  }

  /** Whether the field set (fieldsV1) names a field that {@code desired} sets. */
  static boolean sets(JsonNode fields, JsonNode desired) {
    if (desired == null || desired.isNull()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> entries = fields.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String key = entry.getKey();
      JsonNode below = entry.getValue();
      JsonNode match = key.equals(".") ? desired : element(key, desired);
      if (match != null && (key.equals(".") || below.isEmpty() || sets(below, match))) {
        return true;
      }
    }
    return false;
  }

  /** The part of desired a field-set key names: {@code f:name}, {@code k:{keys}}, {@code v:value} or {@code i:index}. */
  private static JsonNode element(String key, JsonNode desired) {
    if (key.startsWith("f:")) {
      return desired.isObject() ? desired.get(key.substring(2)) : null;
    }
    if (!desired.isArray()) {
      return null;
    }
    if (key.startsWith("i:")) {
      return desired.get(Integer.parseInt(key.substring(2)));
    }
    JsonNode wanted = parse(key.substring(2));
    for (JsonNode item : desired) {
      if (key.startsWith("v:") ? item.equals(wanted) : key.startsWith("k:") && hasKeys(item, wanted)) {
        return item;
      }
    }
    return null;
  }

  private static boolean hasKeys(JsonNode item, JsonNode keys) {
    Iterator<Map.Entry<String, JsonNode>> fields = keys.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = item.get(field.getKey());
      // keys are compared as text: a port written 8888 in the set may be "8888" nowhere, but 8888 vs 8888.0 never
      if (value == null || !value.asText().equals(field.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a managed-fields key is not JSON: " + json, e);
    }
  }
}
