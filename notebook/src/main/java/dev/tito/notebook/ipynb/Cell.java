package dev.tito.notebook.ipynb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A view over one cell of a {@link Notebook}; writes go straight to the notebook's tree. */
public final class Cell {
  private final ObjectNode node;

  public Cell(ObjectNode node) {
    this.node = node;
  }

  public ObjectNode node() {
    return node;
  }

  public String type() {
    return node.path("cell_type").asText("");
  }

  public void setType(String type) {
    node.put("cell_type", type);
  }

  public boolean isCode() {
    return "code".equals(type());
  }

  public boolean isMarkdown() {
    return "markdown".equals(type());
  }

  /** The source as one string (nbformat joins line lists on read). */
  public String source() {
    JsonNode source = node.get("source");
    return source == null || source.isNull() ? "" : source.asText();
  }

  /** Leaves an equal source as it is: most release steps change few cells. */
  public void setSource(String source) {
    JsonNode current = node.get("source");
    if (current == null || !current.isTextual() || !current.textValue().equals(source)) {
      node.put("source", source);
    }
  }

  public String id() {
    JsonNode id = node.get("id");
    return id != null && id.isTextual() ? id.asText() : null;
  }

  public ObjectNode metadata() {
    JsonNode metadata = node.get("metadata");
    if (metadata instanceof ObjectNode) {
      return (ObjectNode) metadata;
    }
    return node.putObject("metadata");
  }

  /** The {@code metadata.nbgrader} object, or null when the cell has none. */
  public ObjectNode nbgrader() {
    JsonNode metadata = node.get("metadata");
    if (metadata == null) {
      return null;
    }
    JsonNode nbgrader = metadata.get("nbgrader");
    return nbgrader instanceof ObjectNode ? (ObjectNode) nbgrader : null;
  }

  public boolean hasNbgrader() {
    JsonNode metadata = node.get("metadata");
    return metadata != null && metadata.has("nbgrader");
  }

  public ArrayNode outputs() {
    JsonNode outputs = node.get("outputs");
    if (outputs instanceof ArrayNode) {
      return (ArrayNode) outputs;
    }
    return node.putArray("outputs");
  }
}
