package dev.tito.notebook.ipynb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An nbformat 4 notebook kept as its JSON tree, so fields tito does not know survive a round trip.
 * Multi-line strings are held joined, as nbformat holds them in memory.
 */
public final class Notebook {
  private final ObjectNode root;

  public Notebook(ObjectNode root) {
    this.root = root;
  }

  public ObjectNode root() {
    return root;
  }

  public ObjectNode metadata() {
    JsonNode metadata = root.get("metadata");
    if (metadata instanceof ObjectNode) {
      return (ObjectNode) metadata;
    }
    return root.putObject("metadata");
  }

  public int nbformat() {
    return root.path("nbformat").asInt();
  }

  public int nbformatMinor() {
    return root.path("nbformat_minor").asInt();
  }

  public ArrayNode cellsNode() {
    JsonNode cells = root.get("cells");
    if (cells instanceof ArrayNode) {
      return (ArrayNode) cells;
    }
    return root.putArray("cells");
  }

  /** Views over the cells, in order; changing a view changes this notebook. */
  public List<Cell> cells() {
    ArrayNode array = cellsNode();
    List<Cell> cells = new ArrayList<>(array.size());
    for (JsonNode node : array) {
      cells.add(new Cell((ObjectNode) node));
    }
    return cells;
  }

  /** Replaces the cell list with the given cells (their nodes are reused, not copied). */
  public void setCells(List<Cell> cells) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode(cells.size());
    for (Cell cell : cells) {
      array.add(cell.node());
    }
    root.set("cells", array);
  }

  /** The kernel's language, as nbgrader reads it: {@code metadata.kernelspec.language}, default python. */
  public String kernelLanguage() {
    JsonNode language = metadata().path("kernelspec").get("language");
    return language != null && language.isTextual() ? language.asText() : "python";
  }

  public Notebook deepCopy() {
    return new Notebook(root.deepCopy());
  }
}
