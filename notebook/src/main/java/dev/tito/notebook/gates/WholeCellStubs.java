package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.python.PythonNames;
import dev.tito.notebook.release.ClearSolutions;
import dev.tito.notebook.release.DelimitedRegions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Code solution cells without BEGIN/END SOLUTION markers, which the release replaces whole with the stub.
 * nbgrader releases them; they are errors when the release is then broken: the cell held tests (they are
 * gone), or it bound names (imports, defs, classes, assignments) that code left in later cells reads (that
 * code fails with a NameError until the student happens to write them back). Otherwise a warning.
 */
final class WholeCellStubs implements NotebookGate {
  /** Rule ids a module may allow ({@link Allowances}). */
  static final String DROPS_NAMES = "stub-drops-names";

  static final String REPLACES_TESTS = "stub-replaces-tests";
  private static final int NAMES_LISTED = 4;

  @Override
  public List<Finding> check(Path file, Notebook notebook) {
    List<Cell> cells = notebook.cells();
    List<PythonNames> kept = new ArrayList<>(cells.size());
    for (Cell cell : cells) {
      kept.add(cell.isCode() ? PythonNames.of(releasedCode(cell)) : null);
    }
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      if (!isWholeStub(cell)) {
        continue;
      }
      String id = GradingFlags.gradeId(cell);
      PythonNames names = PythonNames.of(cell.source());
      if (names.firstTestLine() != null) {
        findings.add(
            Finding.error(
                    file,
                    i,
                    id,
                    names.firstTestLine(),
                    named(id)
                        + " holds tests but has no "
                        + markers()
                        + " markers, so the release replaces the tests with the stub: make it a test cell (grade: true, "
                        + "solution: false, locked: true, with points), put the answer between the markers, or allow "
                        + REPLACES_TESTS)
                .withRule(REPLACES_TESTS));
        continue;
      }
      Finding lost = lostNames(file, cells, kept, i, names);
      findings.add(
          lost != null
              ? lost
              : Finding.warning(
                  file,
                  i,
                  id,
                  null,
                  named(id)
                      + " has no "
                      + markers()
                      + " markers: the whole cell will be replaced by the stub"));
    }
    return findings;
  }

  /** The error for names the stub drops that a later cell's released code reads, or null when none does. */
  private static Finding lostNames(
      Path file, List<Cell> cells, List<PythonNames> kept, int index, PythonNames names) {
    Set<String> lost = new LinkedHashSet<>(names.globals());
    for (int j = 0; j < index; j++) {
      if (kept.get(j) != null) {
        lost.removeAll(kept.get(j).globals());
      }
    }
    for (int j = index + 1; j < cells.size() && !lost.isEmpty(); j++) {
      PythonNames later = kept.get(j);
      if (later == null) {
        continue;
      }
      List<String> read =
          later.uses().stream()
              .map(PythonNames.Use::name)
              .filter(name -> lost.contains(name) && !later.bound().contains(name))
              .toList();
      if (!read.isEmpty()) {
        Cell cell = cells.get(index);
        String id = GradingFlags.gradeId(cell);
        String laterId = GradingFlags.gradeId(cells.get(j));
        return Finding.error(
                file,
                index,
                id,
                null,
                named(id)
                    + " has no "
                    + markers()
                    + " markers, so the release "
                    + "replaces it whole with the stub and drops "
                    + list(read)
                    + ", which cell "
                    + j
                    + (laterId == null || laterId.isEmpty() ? "" : " ('" + laterId + "')")
                    + " still reads: put the answer "
                    + "between the markers, make the cell an ordinary one (solution: false), or, if students are to write "
                    + (read.size() == 1 ? "it" : "them")
                    + " themselves, allow "
                    + DROPS_NAMES)
            .withRule(DROPS_NAMES);
      }
      lost.removeAll(later.globals());
    }
    return null;
  }

  /** What of a code cell is left in the release: nothing of a whole stub, the code outside solution regions otherwise. */
  private static String releasedCode(Cell cell) {
    if (isWholeStub(cell)) {
      return "";
    }
    if (!GradingFlags.isSolution(cell)) {
      return cell.source();
    }
    try {
      return DelimitedRegions.replace(cell.source(), ClearSolutions.BEGIN, ClearSolutions.END, null)
          .text();
    } catch (DelimitedRegions.UnbalancedException e) {
      return cell.source();
    }
  }

  static boolean isWholeStub(Cell cell) {
    return cell.isCode()
        && GradingFlags.isSolution(cell)
        && !cell.source().contains(ClearSolutions.BEGIN);
  }

  private static String markers() {
    return ClearSolutions.BEGIN + " / " + ClearSolutions.END;
  }

  private static String named(String gradeId) {
    return gradeId == null || gradeId.isEmpty()
        ? "solution cell"
        : "solution cell '" + gradeId + "'";
  }

  private static String list(List<String> names) {
    List<String> shown = names.subList(0, Math.min(NAMES_LISTED, names.size()));
    return String.join(", ", shown)
        + (names.size() > NAMES_LISTED ? " and " + (names.size() - NAMES_LISTED) + " more" : "");
  }
}
