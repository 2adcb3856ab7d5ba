package dev.tito.notebook.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.AtomicFiles;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.PythonJsonText;
import dev.tito.notebook.jupytext.JupytextReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nbgrader update} for a jupytext percent script, which nbgrader cannot read: the {@code nbgrader={...}}
 * of every {@code # %%} line below schema 3 is upgraded exactly as nbgrader upgrades a cell's metadata, and
 * written back in place. Every other byte of the file stays as it was.
 */
public final class JupytextUpdate {
  private static final Pattern NBGRADER =
      Pattern.compile("^\\s*#\\s*%%.*?\\bnbgrader\\s*=\\s*(\\{)");
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private JupytextUpdate() {}

  /** The script with its headers upgraded, and the 1-based lines that changed. */
  public record Result(String text, List<Integer> changedLines) {}

  /**
   * Upgrades the file's headers and validates the result as nbgrader update does; writes the file only when
   * something changed and the result is valid.
   *
   * @throws NotebookUpdate.UpdateFailedException naming the file, line and cell when the result does not
   *     validate (the file is left unchanged)
   */
  public static Result update(Path file) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NotebookFormatException(name + ": cannot read: " + e.getMessage());
    }
    Result result = upgrade(text, name);
    JupytextReader.Parsed parsed = JupytextReader.read(result.text(), name);
    try {
      CellMetadataValidator.validateNotebook(parsed.notebook());
    } catch (MetadataValidationException e) {
      throw failed(name, parsed, e.cellIndex(), e.getMessage(), e);
    } catch (SchemaVersionException e) {
      throw failed(name, parsed, e.cellIndex(), e.getMessage(), e);
    }
    if (!result.changedLines().isEmpty()) {
      AtomicFiles.write(file, result.text().getBytes(StandardCharsets.UTF_8));
    }
    return result;
  }

  private static NotebookUpdate.UpdateFailedException failed(
      String name,
      JupytextReader.Parsed parsed,
      Integer cell,
      String message,
      RuntimeException cause) {
    Integer line = cell == null ? null : parsed.lines().fileLine(cell, null);
    return new NotebookUpdate.UpdateFailedException(
        name
            + (line == null ? "" : ":" + line)
            + (cell == null ? "" : ": cell " + cell)
            + ": "
            + message
            + "; metadata is corrupted, the file is left unchanged",
        cause);
  }

  /** The script's text with every header below schema 3 upgraded; {@code name} labels errors. */
  public static Result upgrade(String text, String name) {
    String[] lines = text.split("\n", -1);
    List<Integer> changed = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String upgraded;
      try {
        upgraded = upgradeLine(lines[i], i + 1);
      } catch (MetadataValidationException e) {
        throw new NotebookUpdate.UpdateFailedException(
            name + ":" + (i + 1) + ": " + e.getMessage() + "; the file is left unchanged", e);
      }
      if (!upgraded.equals(lines[i])) {
        lines[i] = upgraded;
        changed.add(i + 1);
      }
    }
    return new Result(String.join("\n", lines), changed);
  }

  /** One marker line: its metadata upgraded (or removed, when the upgrade leaves the cell no nbgrader role). */
  static String upgradeLine(String line, int number) {
    Matcher marker = NBGRADER.matcher(line);
    if (!marker.find()) {
      return line;
    }
    int start = marker.start(1);
    int end = objectEnd(line, start);
    ObjectNode meta;
    try {
      JsonNode parsed = end < 0 ? null : JSON.readTree(line.substring(start, end));
      if (!(parsed instanceof ObjectNode object)) {
        return line;
      }
      meta = object;
    } catch (JsonProcessingException e) {
      // the reader reports unparsable metadata, with the line
      return line;
    }
    JsonNode version = meta.get("schema_version");
    if (version != null && (!version.isIntegralNumber() || version.asInt() >= 3)) {
      return line;
    }
    ObjectNode cell = JsonNodeFactory.instance.objectNode();
    cell.put(
        "cell_type", line.contains("[markdown]") || line.contains("[md]") ? "markdown" : "code");
    cell.putObject("metadata").set("nbgrader", meta);
    cell.put("source", "");
    SchemaUpgrade.upgradeCell(new Cell(cell), number);
    JsonNode upgraded = cell.path("metadata").get("nbgrader");
    if (upgraded == null) {
      int keyStart = line.lastIndexOf("nbgrader", start);
      return (line.substring(0, keyStart).stripTrailing() + line.substring(end)).stripTrailing();
    }
    return line.substring(0, start) + PythonJsonText.dumps(upgraded) + line.substring(end);
  }

  /** The index after the JSON object opening at {@code start}, or -1 when it does not close on this line. */
  private static int objectEnd(String line, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }
}
