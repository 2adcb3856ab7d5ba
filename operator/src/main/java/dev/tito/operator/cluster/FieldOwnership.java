package dev.tito.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Drift, read from an object's managed fields: a field the operator applies that another actor changed since (a
 * {@code kubectl edit}, a script's update) belongs to that actor alone, no longer to the operator's apply. Walking the
 * field sets along the desired object needs no schema: a set names list elements by their keys. A field another actor
 * set to the very value the operator applies is shared, not drift.
 */
public final class FieldOwnership {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode NOTHING = JSON.createObjectNode();
  private static final String FIELD_MANAGER_APPLY = "Apply";

  private FieldOwnership() {}

  /** Whether another actor alone holds a field that desired sets. */
  public static boolean drifted(HasMetadata existing, HasMetadata desired, String manager) {
    List<ManagedFieldsEntry> entries = existing.getMetadata().getManagedFields();
    if (entries == null) {
      return false;
    }
    ManagedFieldsEntry applied =
        entries.stream()
            .filter(
                e ->
                    manager.equals(e.getManager())
                        && FIELD_MANAGER_APPLY.equals(e.getOperation())
                        && isMain(e))
            .findFirst()
            .orElse(null);
    if (applied == null) {
      return false;
    }
    JsonNode ours = fields(applied);
    JsonNode wanted = JSON.valueToTree(desired);
    return entries.stream()
        .filter(e -> e != applied && isMain(e))
        .anyMatch(e -> takes(fields(e), ours, wanted));
  }

  /**
   * What of an object's managed fields {@link #drifted} can need: none while the operator's apply is the only main
   * entry (nothing to compare it with), all of them otherwise.
   */
  public static List<ManagedFieldsEntry> entriesDriftReads(List<ManagedFieldsEntry> entries) {
    if (entries == null) {
      return null;
    }
    boolean others =
        entries.stream()
            .filter(FieldOwnership::isMain)
            .anyMatch(
                e ->
                    !(FIELD_MANAGER_APPLY.equals(e.getOperation())
                        && ChildWriter.FIELD_MANAGER.equals(e.getManager())));
    return others ? entries : null;
  }

  /** Whether {@code theirs} holds a field {@code desired} sets that {@code ours} does not hold. */
  static boolean takes(JsonNode theirs, JsonNode ours, JsonNode desired) {
    if (desired == null || desired.isNull()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> entries = theirs.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String key = entry.getKey();
      JsonNode match = key.equals(".") ? desired : element(key, desired);
      JsonNode oursBelow = ours.has(key) ? ours.get(key) : null;
      if (match == null) {
        continue;
      }
      if (oursBelow == null && (key.equals(".") || entry.getValue().isEmpty())) {
        return true;
      }
      if (takes(entry.getValue(), oursBelow == null ? NOTHING : oursBelow, match)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isMain(ManagedFieldsEntry entry) {
    return entry.getSubresource() == null || entry.getSubresource().isEmpty();
  }

  private static JsonNode fields(ManagedFieldsEntry entry) {
    return entry.getFieldsV1() == null
        ? NOTHING
        : JSON.valueToTree(entry.getFieldsV1().getAdditionalProperties());
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
      if (key.startsWith("v:")
          ? item.equals(wanted)
          : key.startsWith("k:") && hasKeys(item, wanted)) {
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
      // compared as text: a key's number and the object's number print alike
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
