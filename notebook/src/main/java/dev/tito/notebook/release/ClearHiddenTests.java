package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.nbgrader.GradingFlags;

/** Removes {@code BEGIN HIDDEN TESTS} / {@code END HIDDEN TESTS} regions, which only test cells may hold. */
public final class ClearHiddenTests extends RegionRemoval {
  public static final String BEGIN = "BEGIN HIDDEN TESTS";
  public static final String END = "END HIDDEN TESTS";

  public ClearHiddenTests(boolean enforceMetadata) {
    super(BEGIN, END, enforceMetadata);
  }

  @Override
  boolean allowedIn(Cell cell) {
    return GradingFlags.isGrade(cell);
  }

  @Override
  String nestedMessage() {
    return "Encountered nested begin hidden tests statements";
  }

  @Override
  String unterminatedMessage() {
    return "No end hidden tests statement found";
  }

  @Override
  String misplacedMessage() {
    return "Hidden test region detected in a non-grade cell; please make sure all solution regions are within "
        + "'Autograder tests' cells.";
  }
}
