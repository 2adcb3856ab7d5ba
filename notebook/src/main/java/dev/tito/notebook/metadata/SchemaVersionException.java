package dev.tito.notebook.metadata;

/**
 * A cell whose {@code schema_version} is not the one nbgrader 0.9.5 reads (3): nbgrader's
 * SchemaTooOldError / SchemaTooNewError, which stop a whole run instead of failing one notebook.
 */
public class SchemaVersionException extends RuntimeException {
  /** Whether the metadata is older (fixable with {@code nbgrader update}) or newer than supported. */
  public enum Kind {
    TOO_OLD,
    TOO_NEW
  }

  private final Kind kind;
  private final Integer cellIndex;

  public SchemaVersionException(Kind kind, String actualVersion, Integer cellIndex) {
    super(
        kind == Kind.TOO_OLD
            ? "Outdated schema version: "
                + actualVersion
                + " (expected "
                + CellMetadataSchema.VERSION
                + ")"
            : "Schema version is too new: "
                + actualVersion
                + " (expected "
                + CellMetadataSchema.VERSION
                + ")");
    this.kind = kind;
    this.cellIndex = cellIndex;
  }

  public Kind kind() {
    return kind;
  }

  public boolean tooOld() {
    return kind == Kind.TOO_OLD;
  }

  public boolean tooNew() {
    return kind == Kind.TOO_NEW;
  }

  public Integer cellIndex() {
    return cellIndex;
  }
}
