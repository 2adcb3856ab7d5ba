package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.release.ReleasedNotebook;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A module whose release is worth 0 points: autograde would have nothing to score. */
final class ModulePoints {
  /** The rule id a module may allow ({@link Allowances}), e.g. a module of reading only. */
  static final String ZERO_POINTS = "zero-points";

  private ModulePoints() {}

  /** Checked only when every notebook released: a failed release has its own error. */
  static List<Finding> check(List<ModuleNotebook> notebooks, Map<Path, ReleasedNotebook> releases) {
    if (notebooks.isEmpty() || releases.containsValue(null)) {
      return List.of();
    }
    double points =
        releases.values().stream()
            .mapToDouble(release -> release.gradebookRows().maxPoints())
            .sum();
    if (points > 0) {
      return List.of();
    }
    boolean anyMetadata =
        notebooks.stream()
            .anyMatch(
                notebook ->
                    notebook.notebook().cells().stream()
                        .map(Cell::nbgrader)
                        .anyMatch(meta -> meta != null));
    Path file = notebooks.get(0).file();
    String why =
        anyMetadata
            ? "no test cell (grade: true, solution: false, with points) or task is worth points, so autograde has nothing "
                + "to score: give the module's test cells points"
            : "no cell has nbgrader metadata, so nothing is graded: mark its answers and tests (nbgrader={...} on a "
                + "'# %%' line of a .py, metadata.nbgrader in a notebook)";
    return List.of(
        Finding.error(
                file,
                null,
                null,
                null,
                "the release is worth 0 points: "
                    + why
                    + "; or, for a module "
                    + "that is not graded, allow "
                    + ZERO_POINTS)
            .withRule(ZERO_POINTS));
  }
}
