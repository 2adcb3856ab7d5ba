package dev.tito.notebook.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of nbgrader's v3 cell-metadata JSON schema ({@code nbgraderformat/v3.json}, draft 4),
 * reporting the one error the jsonschema library's {@code best_match} picks, in its wording:
 * object-level errors (type, required, additional properties) before property errors, and within
 * one level the first in schema order.
 */
public final class CellMetadataSchema {
  public static final int VERSION = 3;

  /** The schema's properties, in the schema's order (the order jsonschema checks them). */
  public static final List<String> PROPERTIES = List.of(
      "schema_version", "grade", "locked", "solution", "task", "grade_id", "points", "checksum", "cell_type");

  private static final List<String> REQUIRED = List.of("schema_version", "grade", "locked", "solution");
  private static final Set<String> BOOLEANS = Set.of("grade", "locked", "solution", "task");
  private static final String GRADE_ID_PATTERN = "^[a-zA-Z0-9_\\-]*$";
  /** Python's {@code $} also matches before a final newline; Java's would accept other line ends too. */
  private static final Pattern GRADE_ID = Pattern.compile("[a-zA-Z0-9_\\-]*\\n?\\z");
  private static final List<String> CELL_TYPES = List.of("raw", "code", "markdown");

  private CellMetadataSchema() {}

  /** The message jsonschema would raise for this {@code metadata.nbgrader} value, or null when valid. */
  public static String firstError(JsonNode meta) {
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
      return "Additional properties are not allowed (" + String.join(", ", extras)
          + (extras.size() == 1 ? " was" : " were") + " unexpected)";
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

  private static String propertyError(String key, JsonNode value) {
    String repr = PythonRepr.of(value);
    if (BOOLEANS.contains(key)) {
      return value.isBoolean() ? null : repr + " is not of type 'boolean'";
    }
    switch (key) {
      case "schema_version":
        if (!value.isIntegralNumber()) {
          return repr + " is not of type 'integer'";
        }
        BigInteger version = value.bigIntegerValue();
        if (version.compareTo(BigInteger.valueOf(VERSION)) < 0) {
          return repr + " is less than the minimum of " + VERSION;
        }
        return version.compareTo(BigInteger.valueOf(VERSION)) > 0
            ? repr + " is greater than the maximum of " + VERSION : null;
      case "grade_id":
        if (!value.isTextual()) {
          return repr + " is not of type 'string'";
        }
        return GRADE_ID.matcher(value.textValue()).lookingAt()
            ? null : repr + " does not match " + PythonRepr.of(GRADE_ID_PATTERN);
      case "points":
        if (!value.isNumber()) {
          return repr + " is not of type 'number'";
        }
        return value.doubleValue() < 0 ? repr + " is less than the minimum of 0" : null;
      case "checksum":
        if (!value.isTextual()) {
          return repr + " is not of type 'string'";
        }
        int length = value.textValue().codePointCount(0, value.textValue().length());
        return length < 32 ? repr + " is too short" : length > 32 ? repr + " is too long" : null;
      case "cell_type":
        if (!value.isTextual()) {
          return repr + " is not of type 'string'";
        }
        return CELL_TYPES.contains(value.textValue())
            ? null : repr + " is not one of ['raw', 'code', 'markdown']";
      default:
        return null;
    }
  }
}
