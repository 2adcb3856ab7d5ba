package dev.tito.notebook.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;

/** Small notebooks for unit tests, written as nbgrader metadata shorthand. */
public final class TestNotebooks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestNotebooks() {}

  /** A python notebook with the given cells. */
  public static Notebook notebook(ObjectNode... cells) {
    return notebook("python", cells);
  }

  public static Notebook notebook(String language, ObjectNode... cells) {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("cells").addAll(java.util.List.of(cells));
    ObjectNode kernelspec = root.putObject("metadata").putObject("kernelspec");
    kernelspec.put("display_name", language).put("language", language).put("name", language);
    root.put("nbformat", 4).put("nbformat_minor", 5);
    return NotebookReader.fromTree(root, "test.ipynb");
  }

  /** Gives every cell the id {@code cell-<index>}, as nbformat 4.5 wants, and returns the notebook. */
  public static Notebook withIds(Notebook notebook) {
    java.util.List<dev.tito.notebook.ipynb.Cell> cells = notebook.cells();
    for (int i = 0; i < cells.size(); i++) {
      cells.get(i).node().put("id", "cell-" + i);
    }
    return notebook;
  }

  public static ObjectNode code(String source) {
    ObjectNode cell = cell("code", source);
    cell.putNull("execution_count");
    cell.putArray("outputs");
    return cell;
  }

  public static ObjectNode markdown(String source) {
    return cell("markdown", source);
  }

  public static ObjectNode raw(String source) {
    return cell("raw", source);
  }

  /** Adds {@code metadata.nbgrader} given as JSON text, e.g. {@code {"grade": true, ...}}. */
  public static ObjectNode with(ObjectNode cell, String nbgraderJson) {
    try {
      ((ObjectNode) cell.get("metadata")).set("nbgrader", JSON.readTree(nbgraderJson));
    } catch (Exception e) {
      throw new IllegalArgumentException(nbgraderJson, e);
    }
    return cell;
  }

  /** A v3 solution cell. */
  public static ObjectNode solution(ObjectNode cell, String gradeId) {
    return with(
        cell,
        "{\"schema_version\": 3, \"grade\": false, \"solution\": true, \"locked\": false, "
            + "\"grade_id\": \""
            + gradeId
            + "\"}");
  }

  /** A v3 autograder-tests cell. */
  public static ObjectNode tests(ObjectNode cell, String gradeId, double points) {
    return with(
        cell,
        "{\"schema_version\": 3, \"grade\": true, \"solution\": false, \"locked\": true, "
            + "\"grade_id\": \""
            + gradeId
            + "\", \"points\": "
            + points
            + "}");
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static ObjectNode cell(String type, String source) {
    ObjectNode cell = JSON.createObjectNode();
    cell.put("cell_type", type);
    cell.putObject("metadata");
    cell.put("source", source);
    return cell;
  }
}
