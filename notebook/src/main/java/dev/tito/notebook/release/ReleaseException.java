package dev.tito.notebook.release;

import dev.tito.notebook.metadata.SchemaVersionException;

/**
 * A notebook that nbgrader's generate_assignment would refuse. {@link #getMessage()} is nbgrader's exact
 * error text; {@link #wrappedMessage()} is the text nbgrader wraps it in, where it wraps.
 */
public class ReleaseException extends RuntimeException {
  /** nbgrader's wrapper around metadata validation errors raised by CheckCellMetadata. */
  public static final String METADATA_WRAPPER =
      "Notebook failed to validate; the nbgrader metadata may be corrupted.";

  private final String step;
  private final Integer cellIndex;
  private final String gradeId;
  private final Integer line;
  private final String wrappedMessage;
  private String part;

  public ReleaseException(
      String step,
      Integer cellIndex,
      String gradeId,
      Integer line,
      String message,
      String wrappedMessage,
      Throwable cause) {
    super(message, cause);
    this.step = step;
    this.cellIndex = cellIndex;
    this.gradeId = gradeId;
    this.line = line;
    this.wrappedMessage = wrappedMessage;
  }

  public ReleaseException(
      String step, Integer cellIndex, String gradeId, Integer line, String message) {
    this(step, cellIndex, gradeId, line, message, null, null);
  }

  /** The pipeline step that failed, named as nbgrader's preprocessor (e.g. "ClearSolutions"). */
  public String step() {
    return step;
  }

  /** Index of the failing cell in the notebook it came from (see {@link #part()}); null when notebook-wide. */
  public Integer cellIndex() {
    return cellIndex;
  }

  public String gradeId() {
    return gradeId;
  }

  /** 1-based line in the cell where the problem is (an unbalanced delimiter), or null. */
  public Integer line() {
    return line;
  }

  /** nbgrader's wrapper message, or null where nbgrader raises the error unwrapped. */
  public String wrappedMessage() {
    return wrappedMessage;
  }

  /** True for an outdated or too-new metadata schema: nbgrader stops the whole run for these. */
  public boolean isSchemaVersionError() {
    return getCause() instanceof SchemaVersionException;
  }

  /** "header" or "footer" when the failing cell came from the header or footer notebook, else null. */
  public String part() {
    return part;
  }

  /** The same error with the cell index counted within the part (header, notebook, footer) the cell came from. */
  ReleaseException relativeTo(int headerCells, int sourceCells) {
    if (cellIndex == null) {
      return this;
    }
    String inPart =
        cellIndex < headerCells
            ? "header"
            : cellIndex < headerCells + sourceCells ? null : "footer";
    int index =
        cellIndex < headerCells
            ? cellIndex
            : cellIndex < headerCells + sourceCells
                ? cellIndex - headerCells
                : cellIndex - headerCells - sourceCells;
    ReleaseException moved =
        new ReleaseException(step, index, gradeId, line, getMessage(), wrappedMessage, getCause());
    moved.part = inPart;
    moved.setStackTrace(getStackTrace());
    return moved;
  }
}
