package dev.tito.notebook.jupytext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tito.notebook.ipynb.NotebookFormatException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commented YAML header of a percent script ({@code # ---} ... {@code # ---}), read as jupytext's
 * {@code header_to_metadata_and_cell}: the {@code jupyter:} section becomes the notebook metadata,
 * other root keys become a first raw cell.
 */
record YamlHeader(
    ObjectNode metadata, boolean hasJupyterSection, ObjectNode rawCell, int nextLine) {
  private static final Pattern ENCODING =
      Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-_.a-zA-Z0-9]+)");
  private static final Pattern DASHES = Pattern.compile("^---\\s*$");
  private static final Pattern JUPYTER = Pattern.compile("^jupyter\\s*:\\s*$");
  private static final YAMLMapper YAML = new YAMLMapper();

  static YamlHeader read(List<String> lines, String name) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode metadata = nodes.objectNode();
    List<String> header = new ArrayList<>();
    List<String> jupyter = new ArrayList<>();
    boolean inJupyter = false;
    boolean started = false;
    boolean ended = false;
    int start = 0;
    int i = 0;
    for (; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i == 0 && line.startsWith("#!")) {
        metadata.putObject("jupytext").put("executable", line.substring(2));
        start = i + 1;
        continue;
      }
      if (i == 0 || (i == 1 && !ENCODING.matcher(lines.get(0)).find())) {
        Matcher encoding = ENCODING.matcher(line);
        if (encoding.find()) {
          if (!encoding.group(1).equals("utf-8")) {
            throw new NotebookFormatException(
                name
                    + ": line "
                    + (i + 1)
                    + ": encoding "
                    + encoding.group(1)
                    + " is not supported; jupytext notebooks are utf-8");
          }
          jupytextSection(metadata).put("encoding", line);
          start = i + 1;
          continue;
        }
      }
      if (!line.startsWith("#")) {
        break;
      }
      line = JupytextReader.uncomment(line, "#");
      if (DASHES.matcher(line).matches()) {
        if (!started) {
          started = true;
          continue;
        }
        ended = true;
        break;
      }
      if (!started && !line.isBlank()) {
        break;
      }
      if (JUPYTER.matcher(line).matches()) {
        inJupyter = true;
      } else if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        inJupyter = false;
      }
      (inJupyter ? jupyter : header).add(line);
    }
    if (!ended) {
      return new YamlHeader(metadata, false, null, start);
    }
    if (!jupyter.isEmpty()) {
      ObjectNode extra = metadata;
      metadata = jupyterSection(jupyter, name);
      mergeInto(metadata, extra);
    }
    int linesToNextCell = 1;
    if (lines.size() > i + 1) {
      if (!JupytextReader.uncomment(lines.get(i + 1), "#").isBlank()) {
        linesToNextCell = 0;
      } else {
        i++;
      }
    } else {
      linesToNextCell = 0;
    }
    ObjectNode rawCell = null;
    if (!header.isEmpty()) {
      rawCell = nodes.objectNode();
      rawCell.put("cell_type", "raw");
      ObjectNode cellMetadata = rawCell.putObject("metadata");
      if (linesToNextCell
          != Pep8Spacing.linesBetween(List.of("---"), lines.subList(i + 1, lines.size()))) {
        cellMetadata.put("lines_to_next_cell", linesToNextCell);
      }
      rawCell.put("source", "---\n" + String.join("\n", header) + "\n---");
    }
    return new YamlHeader(metadata, !jupyter.isEmpty(), rawCell, i + 1);
  }

  private static ObjectNode jupyterSection(List<String> jupyter, String name) {
    JsonNode parsed;
    try {
      parsed = YAML.readTree(String.join("\n", jupyter));
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null ? "" : " at header line " + e.getLocation().getLineNr();
      throw new NotebookFormatException(
          name + ": invalid YAML header" + where + ": " + problem(e.getOriginalMessage()));
    }
    JsonNode section = parsed == null ? null : parsed.get("jupyter");
    if (section == null || section.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!section.isObject()) {
      throw new NotebookFormatException(name + ": invalid YAML header: 'jupyter' is not a mapping");
    }
    return (ObjectNode) section;
  }

  /** SnakeYAML's message without its indented excerpt lines ("in 'reader', line 3", the text and a caret). */
  private static String problem(String message) {
    return message
        .lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .collect(java.util.stream.Collectors.joining("; "));
  }

  private static ObjectNode jupytextSection(ObjectNode metadata) {
    JsonNode section = metadata.get("jupytext");
    return section instanceof ObjectNode ? (ObjectNode) section : metadata.putObject("jupytext");
  }

  /** jupytext's {@code recursive_update}: nested objects merged, other values overwritten. */
  private static void mergeInto(ObjectNode target, ObjectNode update) {
    for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode existing = target.get(entry.getKey());
      if (entry.getValue().isObject() && existing instanceof ObjectNode) {
        mergeInto((ObjectNode) existing, (ObjectNode) entry.getValue());
      } else {
        target.set(entry.getKey(), entry.getValue());
      }
    }
  }
}
