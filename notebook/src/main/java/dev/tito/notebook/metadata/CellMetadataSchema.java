package dev.tito.notebook.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of nbgrader's v3 cell-metadata JSON schema ({@code nbgraderformat/v3.json}, draft 4),
 * reporting the one error the jsonschema library's {@code best_match} picks, in its wording:
 * object-level errors (type, required, additional properties) before property errors, and within
 * one level the first in schema order.
 */
public final class CellMetadataSchema {
  public static final int VERSION = 3;

  /** The schema's properties, in the schema's order (the order jsonschema checks them). */
  public static final List<String> PROPERTIES =
      List.of(
          "schema_version",
          "grade",
          "locked",
          "solution",
          "task",
          "grade_id",
          "points",
          "checksum",
          "cell_type");

  private static final Set<String> PROPERTY_NAMES = Set.copyOf(PROPERTIES);
  private static final List<String> REQUIRED =
      List.of("schema_version", "grade", "locked", "solution");
  private static final Set<String> BOOLEANS = Set.of("grade", "locked", "solution", "task");
  private static final String GRADE_ID_PATTERN = "^[a-zA-Z0-9_\\-]*$";
  private static final List<String> CELL_TYPES = List.of("raw", "code", "markdown");

  private CellMetadataSchema() {}

  /** The message jsonschema would raise for this {@code metadata.nbgrader} value, or null when valid. */
  public static String firstError(JsonNode meta) {
    if (isValid(meta)) {
      return null;
    }
    if (meta == null || !meta.isObject()) {
      return PythonRepr.of(meta) + " is not of type 'object'";
    }
    for (String key : REQUIRED) {
      if (!meta.has(key)) {
        return PythonRepr.of(key) + " is a required property";
      }
    }
    List<String> extras = new ArrayList<>();
    for (Iterator<String> it = meta.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!PROPERTIES.contains(key)) {
        extras.add(PythonRepr.of(key));
      }
    }
    if (!extras.isEmpty()) {
      return "Additional properties are not allowed ("
          + String.join(", ", extras)
          + (extras.size() == 1 ? " was" : " were")
          + " unexpected)";
    }
    for (String key : PROPERTIES) {
      JsonNode value = meta.get(key);
      String error = value == null ? null : propertyError(key, value);
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  /** One pass over the fields for the common case, valid metadata; which error comes first is found above. */
  private static boolean isValid(JsonNode meta) {
    if (meta == null || !meta.isObject()) {
      return false;
    }
    int required = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      if (!PROPERTY_NAMES.contains(key) || propertyError(key, field.getValue()) != null) {
        return false;
      }
      required += REQUIRED.contains(key) ? 1 : 0;
    }
    return required == REQUIRED.size();
  }

  /** The value's repr is built only for an invalid value: valid metadata is the common case. */
  private static String propertyError(String key, JsonNode value) {
    if (BOOLEANS.contains(key)) {
      return value.isBoolean() ? null : PythonRepr.of(value) + " is not of type 'boolean'";
    }
    switch (key) {
      case "schema_version":
        if (!value.isIntegralNumber()) {
          return PythonRepr.of(value) + " is not of type 'integer'";
        }
        BigInteger version = value.bigIntegerValue();
        if (version.compareTo(BigInteger.valueOf(VERSION)) < 0) {
          return PythonRepr.of(value) + " is less than the minimum of " + VERSION;
        }
        return version.compareTo(BigInteger.valueOf(VERSION)) > 0
            ? PythonRepr.of(value) + " is greater than the maximum of " + VERSION
            : null;
      case "grade_id":
        if (!value.isTextual()) {
          return PythonRepr.of(value) + " is not of type 'string'";
        }
        return isGradeId(value.textValue())
            ? null
            : PythonRepr.of(value) + " does not match " + PythonRepr.of(GRADE_ID_PATTERN);
      case "points":
        if (!value.isNumber()) {
          return PythonRepr.of(value) + " is not of type 'number'";
        }
        return value.doubleValue() < 0
            ? PythonRepr.of(value) + " is less than the minimum of 0"
            : null;
      case "checksum":
        if (!value.isTextual()) {
          return PythonRepr.of(value) + " is not of type 'string'";
        }
        int length = value.textValue().codePointCount(0, value.textValue().length());
        return length == 32
            ? null
            : PythonRepr.of(value) + (length < 32 ? " is too short" : " is too long");
      case "cell_type":
        if (!value.isTextual()) {
          return PythonRepr.of(value) + " is not of type 'string'";
        }
        return CELL_TYPES.contains(value.textValue())
            ? null
            : PythonRepr.of(value) + " is not one of ['raw', 'code', 'markdown']";
      default:
        return null;
    }
  }

  /** The pattern's match as Python's re.search does it: {@code $} also matches before a final newline. */
  private static boolean isGradeId(String id) {
    int end = id.endsWith("\n") ? id.length() - 1 : id.length();
    for (int i = 0; i < end; i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
