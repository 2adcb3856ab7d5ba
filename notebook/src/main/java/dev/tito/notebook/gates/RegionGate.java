package dev.tito.notebook.gates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.release.CellStep;
import dev.tito.notebook.release.ClearHiddenTests;
import dev.tito.notebook.release.ClearMarkScheme;
import dev.tito.notebook.release.ClearSolutions;
import dev.tito.notebook.release.DelimitedRegions;
import dev.tito.notebook.release.InstantiateTests;
import dev.tito.notebook.release.ReleaseException;
import dev.tito.notebook.release.ReleaseOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the release's cell-by-cell steps (AUTOTEST, solution, hidden-test and mark-scheme regions) on each
 * cell by itself, so every cell's problem is found (nbgrader stops at the first), and warns about END lines
 * without a BEGIN, which nbgrader drops silently.
 */
final class RegionGate implements NotebookGate {
  private static final List<String[]> DELIMITERS =
      List.of(
          new String[] {ClearSolutions.BEGIN, ClearSolutions.END},
          new String[] {ClearHiddenTests.BEGIN, ClearHiddenTests.END},
          new String[] {ClearMarkScheme.BEGIN, ClearMarkScheme.END});

  private static final CellStep INSTANTIATE_TESTS = new InstantiateTests();

  /** Every delimiter a region step reacts to. */
  private static final List<String> SCANNED = scanned();

  private final ReleaseOptions options;
  private final boolean stubsHoldDelimiters;

  RegionGate(ReleaseOptions options) {
    this.options = options;
    List<String> stubs = new ArrayList<>(options.codeStubs().values());
    stubs.add(options.textStub());
    this.stubsHoldDelimiters =
        stubs.stream().anyMatch(stub -> SCANNED.stream().anyMatch(stub::contains));
  }

  private static List<String> scanned() {
    List<String> all = new ArrayList<>(List.of(InstantiateTests.DELIMITER));
    DELIMITERS.forEach(pair -> all.addAll(List.of(pair)));
    return List.copyOf(all);
  }

  @Override
  public List<Finding> check(Path file, Notebook notebook) {
    List<Finding> findings = new ArrayList<>();
    List<CellStep> steps = null;
    List<Cell> cells = notebook.cells();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      if (!mayFail(cell)) {
        continue;
      }
      Finding autotest = firstError(file, notebook, cell, i, List.of(INSTANTIATE_TESTS));
      if (autotest != null) {
        findings.add(autotest);
      }
      // the region steps run in release order on one copy: solution stubs hide what they replaced
      steps = steps == null ? steps(notebook) : steps;
      Finding region = firstError(file, notebook, cell, i, steps);
      if (region != null) {
        findings.add(region);
      }
      findings.addAll(strayEnds(file, cell, i));
    }
    return findings;
  }

  /** Without a delimiter in the cell (or in a stub that may replace it) no region step can fail. */
  private boolean mayFail(Cell cell) {
    if (stubsHoldDelimiters) {
      return true;
    }
    String source = cell.source();
    for (String delimiter : SCANNED) {
      if (source.contains(delimiter)) {
        return true;
      }
    }
    return false;
  }

  /** The steps only replace the source: a copy sharing everything else with the original is enough. */
  private static Finding firstError(
      Path file, Notebook notebook, Cell original, int index, List<CellStep> steps) {
    ObjectNode copy = original.node().objectNode();
    copy.setAll(original.node());
    Cell cell = new Cell(copy);
    try {
      for (CellStep step : steps) {
        step.applyToCell(notebook, cell, index);
      }
      return null;
    } catch (ReleaseException e) {
      return Finding.error(file, index, e.gradeId(), e.line(), e.getMessage());
    }
  }

  private static List<Finding> strayEnds(Path file, Cell cell, int index) {
    List<Finding> findings = new ArrayList<>();
    for (String[] pair : DELIMITERS) {
      try {
        for (DelimitedRegions.Line line :
            DelimitedRegions.replace(cell.source(), pair[0], pair[1], null).strayEnds()) {
          findings.add(
              Finding.warning(
                  file,
                  index,
                  GradingFlags.gradeId(cell),
                  line.number(),
                  "'"
                      + pair[1]
                      + "' without a matching '"
                      + pair[0]
                      + "': nbgrader silently drops this line"));
        }
      } catch (DelimitedRegions.UnbalancedException e) {
        // reported as an error by the region steps above
      }
    }
    return findings;
  }

  /** A language without a stub is the release gate's finding; here any stub lets the cells be checked. */
  private List<CellStep> steps(Notebook notebook) {
    Map<String, String> stubs = new HashMap<>(options.codeStubs());
    stubs.putIfAbsent(notebook.kernelLanguage(), "");
    return List.of(
        new ClearSolutions(stubs, options.textStub(), options.enforceMetadata()),
        new ClearHiddenTests(options.enforceMetadata()),
        new ClearMarkScheme(options.enforceMetadata()));
  }
}
