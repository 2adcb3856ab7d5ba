package dev.tito.notebook.release;

/**
 * A notebook that nbgrader's generate_assignment would refuse. {@link #getMessage()} is nbgrader's exact
 * error text; {@link #wrappedMessage()} is the text nbgrader wraps it in, where it wraps.
 */
public class ReleaseException extends RuntimeException {
  /** nbgrader's wrapper around metadata validation errors raised by CheckCellMetadata. */
  public static final String METADATA_WRAPPER = "Notebook failed to validate; the nbgrader metadata may be corrupted.";

  private final String step;
  private final Integer cellIndex;
  private final String gradeId;
  private final Integer line;
  private final String wrappedMessage;

  public ReleaseException(String step, Integer cellIndex, String gradeId, Integer line, String message,
      String wrappedMessage, Throwable cause) {
    super(message, cause);
    this.step = step;
    this.cellIndex = cellIndex;
    this.gradeId = gradeId;
    this.line = line;
    this.wrappedMessage = wrappedMessage;
  }

  public ReleaseException(String step, Integer cellIndex, String gradeId, Integer line, String message) {
    this(step, cellIndex, gradeId, line, message, null, null);
  }

  /** The pipeline step that failed, named as nbgrader's preprocessor (e.g. "ClearSolutions"). */
  public String step() {
    return step;
  }

  /** Index of the failing cell in the source notebook; null when notebook-wide or in a header/footer. */
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
    return getCause() instanceof dev.tito.notebook.metadata.SchemaVersionException;
  }

  /** The same error with the cell index moved from the combined (header + notebook) list to the source's. */
  ReleaseException relativeTo(int headerCells, int sourceCells) {
    if (cellIndex == null) {
      return this;
    }
    int index = cellIndex - headerCells;
    Integer inSource = index >= 0 && index < sourceCells ? index : null;
    ReleaseException moved = new ReleaseException(step, inSource, gradeId, line, getMessage(), wrappedMessage,
        getCause());
    moved.setStackTrace(getStackTrace());
    return moved;
  }
}
