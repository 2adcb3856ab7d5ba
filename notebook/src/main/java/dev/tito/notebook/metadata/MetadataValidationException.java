package dev.tito.notebook.metadata;

/** Cell metadata that nbgrader rejects; the message is nbgrader's own text, word for word. */
public class MetadataValidationException extends RuntimeException {
  private final Integer cellIndex;
  private final String gradeId;

  public MetadataValidationException(String message, Integer cellIndex, String gradeId) {
    super(message);
    this.cellIndex = cellIndex;
    this.gradeId = gradeId;
  }

  /** Index of the offending cell, or null for a notebook-wide problem. */
  public Integer cellIndex() {
    return cellIndex;
  }

  /** The offending cell's grade_id when it has one. */
  public String gradeId() {
    return gradeId;
  }
}
