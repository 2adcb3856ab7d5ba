package dev.tito.notebook.validate;

/**
 * nbgrader's Validator switches.
 *
 * @param invert report the cells that pass instead of those that fail ({@code --invert})
 * @param ignoreChecksums do not report changed test cells ({@code Validator.ignore_checksums})
 * @param validateAll also report errors in cells that are not graded ({@code Validator.validate_all})
 */
public record ValidationOptions(boolean invert, boolean ignoreChecksums, boolean validateAll) {
  public static ValidationOptions defaults() {
    return new ValidationOptions(false, false, false);
  }
}
