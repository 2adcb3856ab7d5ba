package dev.tito.notebook.ipynb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** Reads {@code .ipynb} files as nbformat does: v4 only, multi-line fields joined into strings. */
public final class NotebookReader {
  /** nbgrader's own {@code CourseDirectory.max_file_size} default (100,000 KB). */
  public static final long MAX_BYTES = 100_000L * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(Integer.MAX_VALUE)
                          .maxNumberLength(10_000)
                          .build())
                  .build())
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private NotebookReader() {}

  public static Notebook read(Path file) {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new NotebookFormatException(name + ": is a directory, not a notebook");
    }
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new NotebookFormatException(
            String.format(
                "%s: notebook is %.1f MB, larger than the %d MB limit",
                name, size / 1e6, MAX_BYTES / 1_000_000));
      }
      return parse(Files.readAllBytes(file), name);
    } catch (NoSuchFileException e) {
      throw new NotebookFormatException(name + ": no such file");
    } catch (AccessDeniedException e) {
      throw new NotebookFormatException(name + ": permission denied");
    } catch (IOException e) {
      throw new NotebookFormatException(name + ": cannot read: " + e.getMessage());
    }
  }

  public static Notebook parse(byte[] bytes, String name) {
    // UTF-16 and UTF-32 text (which Jackson would decode) has a zero byte in its first four bytes;
    // any
    // other zero byte fails the parse, so the full scan for one waits for a failure
    if (hasZeroByte(bytes, 4)) {
      throw binary(name);
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      if (hasZeroByte(bytes, 8192)) {
        throw binary(name);
      }
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
      throw new NotebookFormatException(
          name + ": not a notebook: invalid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      if (hasZeroByte(bytes, 8192)) {
        throw binary(name);
      }
      throw new NotebookFormatException(name + ": cannot read: " + e.getMessage());
    }
    return fromTree(tree, name);
  }

  /** Checks the nbformat 4 structure and joins multi-line fields; {@code name} labels errors. */
  public static Notebook fromTree(JsonNode tree, String name) {
    if (tree == null || tree.isMissingNode() || !tree.isObject()) {
      throw new NotebookFormatException(
          name + ": not a notebook: the top level is not a JSON object");
    }
    ObjectNode root = (ObjectNode) tree;
    JsonNode version = root.get("nbformat");
    if (version == null || !version.isIntegralNumber()) {
      throw new NotebookFormatException(name + ": not a notebook: no integer 'nbformat' field");
    }
    if (version.asInt() != 4) {
      throw new NotebookFormatException(
          name
              + ": nbformat "
              + version.asText()
              + " is not supported; tito reads nbformat 4 (convert with: jupyter nbconvert --to notebook --nbformat 4)");
    }
    JsonNode cells = root.get("cells");
    if (cells == null || !cells.isArray()) {
      throw new NotebookFormatException(
          name + ": not a notebook: 'cells' is missing or not a list");
    }
    JsonNode metadata = root.get("metadata");
    if (metadata != null && !metadata.isObject()) {
      throw new NotebookFormatException(name + ": not a notebook: 'metadata' is not an object");
    }
    int index = 0;
    for (JsonNode cell : cells) {
      checkAndJoin(cell, name, index++);
    }
    return new Notebook(root);
  }

  private static void checkAndJoin(JsonNode node, String name, int index) {
    if (!node.isObject()) {
      throw cellError(name, index, ": not a JSON object");
    }
    ObjectNode cell = (ObjectNode) node;
    String type = cell.path("cell_type").asText(null);
    if (!"code".equals(type) && !"markdown".equals(type) && !"raw".equals(type)) {
      throw cellError(name, index, ": unknown cell_type " + cell.path("cell_type"));
    }
    JsonNode metadata = cell.get("metadata");
    if (metadata != null && !metadata.isObject()) {
      throw cellError(name, index, ": 'metadata' is not an object");
    }
    JsonNode source = cell.get("source");
    if (source != null && source.isArray()) {
      String joined = joinStrings((ArrayNode) source);
      if (joined == null) {
        throw cellError(name, index, ": 'source' must be a string or a list of strings");
      }
      cell.set("source", TextNode.valueOf(joined));
    } else if (source != null && !source.isTextual()) {
      throw cellError(name, index, ": 'source' must be a string or a list of strings");
    }
    JsonNode attachments = cell.get("attachments");
    if (attachments != null && attachments.isObject()) {
      attachments.forEach(NotebookReader::joinMimeBundle);
    }
    if ("code".equals(type)) {
      JsonNode outputs = cell.get("outputs");
      if (outputs != null && !outputs.isArray()) {
        throw cellError(name, index, ": 'outputs' is not a list");
      }
      if (outputs != null) {
        for (JsonNode output : outputs) {
          if (!output.isObject()) {
            throw cellError(name, index, ": an output is not a JSON object");
          }
          joinOutput((ObjectNode) output);
        }
      }
    }
  }

  private static void joinOutput(ObjectNode output) {
    String type = output.path("output_type").asText("");
    if ("execute_result".equals(type) || "display_data".equals(type)) {
      joinMimeBundle(output.get("data"));
    } else if (!type.isEmpty()) {
      JsonNode text = output.get("text");
      if (text != null && text.isArray()) {
        String joined = joinStrings((ArrayNode) text);
        if (joined != null) {
          output.set("text", TextNode.valueOf(joined));
        }
      }
    }
  }

  private static void joinMimeBundle(JsonNode data) {
    if (data == null || !data.isObject()) {
      return;
    }
    ObjectNode bundle = (ObjectNode) data;
    for (Iterator<Map.Entry<String, JsonNode>> it = bundle.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!isJsonMime(entry.getKey()) && entry.getValue().isArray()) {
        String joined = joinStrings((ArrayNode) entry.getValue());
        if (joined != null) {
          entry.setValue(TextNode.valueOf(joined));
        }
      }
    }
  }

  static boolean isJsonMime(String mime) {
    return mime.equals("application/json")
        || (mime.startsWith("application/") && mime.endsWith("+json"));
  }

  private static String joinStrings(ArrayNode lines) {
    StringBuilder joined = new StringBuilder();
    for (JsonNode line : lines) {
      if (!line.isTextual()) {
        return null;
      }
      joined.append(line.textValue());
    }
    return joined.toString();
  }

  /** The error's text is built only when there is one: most cells are fine. */
  private static NotebookFormatException cellError(String name, int index, String problem) {
    return new NotebookFormatException(name + ": cell " + index + problem);
  }

  private static NotebookFormatException binary(String name) {
    return new NotebookFormatException(name + ": not a notebook (binary file)");
  }

  private static boolean hasZeroByte(byte[] bytes, int within) {
    int limit = Math.min(bytes.length, within);
    for (int i = 0; i < limit; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
