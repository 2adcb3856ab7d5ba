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
  private static final List<String[]> DELIMITERS = List.of(
      new String[] {ClearSolutions.BEGIN, ClearSolutions.END},
      new String[] {ClearHiddenTests.BEGIN, ClearHiddenTests.END},
      new String[] {ClearMarkScheme.BEGIN, ClearMarkScheme.END});

  private static final CellStep INSTANTIATE_TESTS = new InstantiateTests();

  private final ReleaseOptions options;

  RegionGate(ReleaseOptions options) {
    this.options = options;
  }

  @Override
  public List<Finding> check(Path file, Notebook notebook) {
    List<Finding> findings = new ArrayList<>();
    List<CellStep> steps = steps(notebook);
    List<Cell> cells = notebook.cells();
    for (int i = 0; i < cells.size(); i++) {
      Finding autotest = firstError(file, notebook, cells.get(i), i, List.of(INSTANTIATE_TESTS));
      if (autotest != null) {
        findings.add(autotest);
      }
      // the region steps run in release order on one copy: solution stubs hide what they replaced
      Finding region = firstError(file, notebook, cells.get(i), i, steps);
      if (region != null) {
        findings.add(region);
      }
      findings.addAll(strayEnds(file, cells.get(i), i));
    }
    return findings;
  }

  private static Finding firstError(Path file, Notebook notebook, Cell original, int index, List<CellStep> steps) {
    Cell cell = new Cell((ObjectNode) original.node().deepCopy());
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
        for (DelimitedRegions.Line line : DelimitedRegions.replace(cell.source(), pair[0], pair[1], null).strayEnds()) {
          findings.add(Finding.warning(file, index, GradingFlags.gradeId(cell), line.number(),
              "'" + pair[1] + "' without a matching '" + pair[0] + "': nbgrader silently drops this line"));
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
