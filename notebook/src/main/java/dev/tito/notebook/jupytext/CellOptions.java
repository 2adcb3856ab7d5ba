package dev.tito.notebook.jupytext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What follows {@code %%} on a percent cell marker, parsed as jupytext's {@code text_to_metadata}
 * does: an optional title, a {@code [markdown]}/{@code [md]}/{@code [raw]} cell type, then metadata
 * as {@code key=<json>} pairs or one JSON object.
 */
/** {@code cellType} is null when the marker does not name one. */
record CellOptions(String cellType, ObjectNode metadata, boolean jsonMetadata) {
  private static final Pattern IDENTIFIER = Pattern.compile("^[a-zA-Z_.]+[a-zA-Z0-9_.]*$");
  private static final Pattern METADATA_KEY = Pattern.compile("^[a-zA-Z0-9_.-]+$");
  // Python's json.loads accepts NaN and Infinity
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Thrown with a message naming what is wrong; the reader adds the file and line. */
  static final class InvalidOptions extends Exception {
    InvalidOptions(String message) {
      super(message);
    }
  }

  static CellOptions parse(String options) throws InvalidOptions {
    String text = options.strip();
    int curly = text.indexOf('{');
    int equal = text.indexOf('=');
    String title;
    ObjectNode metadata;
    boolean json = curly >= 0 && (equal < 0 || curly < equal);
    if (json) {
      title = text.substring(0, curly).strip();
      JsonNode value = parseJson(text.substring(curly));
      if (!value.isObject()) {
        throw new InvalidOptions("cell metadata is not a JSON object: " + text.substring(curly));
      }
      metadata = (ObjectNode) value;
    } else {
      title = titleOf(text, equal);
      metadata = keyEqualValue(text.substring(title.length()));
    }
    String cellType = null;
    for (String marker : new String[] {"markdown", "raw", "md"}) {
      String code = "[" + marker + "]";
      if (title.contains(code)) {
        title = title.replace(code, "").strip();
        cellType = marker.equals("raw") ? "raw" : "markdown";
        if (marker.equals("md")) {
          metadata.put("region_name", "md");
        }
        break;
      }
    }
    int depth = 0;
    while (title.startsWith("%")) {
      depth++;
      title = title.substring(1);
    }
    if (depth > 0) {
      metadata.put("cell_depth", depth);
      title = title.strip();
    }
    if (!title.isEmpty()) {
      metadata.put("title", title);
    }
    return new CellOptions(cellType, metadata, json);
  }

  private static String titleOf(String text, int equal) {
    List<String> words =
        new ArrayList<>(List.of((equal >= 0 ? text.substring(0, equal) : text).split(" ", -1)));
    if (equal >= 0) {
      while (!words.isEmpty() && words.get(words.size() - 1).isEmpty()) {
        words.remove(words.size() - 1);
      }
      if (!words.isEmpty()) {
        words.remove(words.size() - 1);
      }
    }
    while (!words.isEmpty()
        && (words.get(words.size() - 1).isBlank() || words.get(words.size() - 1).startsWith("."))) {
      words.remove(words.size() - 1);
    }
    return String.join(" ", words);
  }

  /** {@code key1=value1 key2=value2}, values in JSON, scanning the {@code =} signs from the right. */
  private static ObjectNode keyEqualValue(String options) throws InvalidOptions {
    String text = options.strip();
    if (text.isEmpty()) {
      return JsonNodeFactory.instance.objectNode();
    }
    int lastSpace = text.lastIndexOf(' ');
    String lastWord = text.substring(lastSpace + 1);
    if (!text.startsWith("--") && IDENTIFIER.matcher(lastWord).matches()) {
      ObjectNode result =
          lastSpace > 0
              ? keyEqualValue(text.substring(0, lastSpace))
              : JsonNodeFactory.instance.objectNode();
      result.putNull(lastWord);
      return result;
    }
    String lastError = null;
    int equal = text.length();
    while (true) {
      equal = text.lastIndexOf('=', equal - 1);
      if (equal < 0) {
        throw new InvalidOptions(
            lastError != null ? lastError : "cannot parse cell metadata '" + text + "'");
      }
      int previousSpace = text.substring(0, equal).stripTrailing().lastIndexOf(' ');
      String key = text.substring(previousSpace + 1, equal).strip();
      if (!METADATA_KEY.matcher(key).matches()) {
        continue;
      }
      JsonNode value;
      try {
        value = parseJson(text.substring(equal + 1));
      } catch (InvalidOptions e) {
        lastError = "invalid JSON for cell metadata '" + key + "': " + e.getMessage();
        continue;
      }
      ObjectNode metadata =
          previousSpace > 0
              ? keyEqualValue(text.substring(0, previousSpace))
              : JsonNodeFactory.instance.objectNode();
      metadata.set(key, value);
      return metadata;
    }
  }

  private static JsonNode parseJson(String text) throws InvalidOptions {
    try {
      JsonNode node = JSON.readTree(text.strip());
      if (node == null || node.isMissingNode()) {
        throw new InvalidOptions("empty value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InvalidOptions(e.getOriginalMessage());
    }
  }
}
