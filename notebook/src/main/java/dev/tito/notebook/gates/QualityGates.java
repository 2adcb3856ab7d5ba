package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.release.ReleaseOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks instructor notebooks before a release: everything that would make nbgrader's
 * generate_assignment fail (all of it, not just the first problem), plus course rules.
 */
public final class QualityGates {
  private static final Comparator<Finding> IN_NOTEBOOK_ORDER = Comparator
      .comparing((Finding f) -> f.cellIndex() == null ? -1 : f.cellIndex())
      .thenComparing(f -> f.line() == null ? 0 : f.line());

  private final List<NotebookGate> cellGates;
  private final ReleaseGate releaseGate;

  public QualityGates() {
    this(ReleaseOptions.defaults());
  }

  public QualityGates(ReleaseOptions options) {
    this.cellGates = List.of(new MetadataGate(), new RegionGate(options), new CellRoleGate());
    this.releaseGate = new ReleaseGate(options);
  }

  /** Findings for one notebook, in cell order. */
  public List<Finding> check(Path file, Notebook notebook) {
    List<Finding> findings = new ArrayList<>();
    for (NotebookGate gate : cellGates) {
      findings.addAll(gate.check(file, notebook));
    }
    for (Finding finding : releaseGate.check(file, notebook)) {
      if (!alreadyReported(findings, finding)) {
        findings.add(finding);
      }
    }
    findings.sort(IN_NOTEBOOK_ORDER);
    return findings;
  }

  /** Findings for every notebook of a module, then grade_ids used in more than one notebook. */
  public List<Finding> checkModule(List<ModuleNotebook> notebooks) {
    List<Finding> findings = new ArrayList<>();
    for (ModuleNotebook notebook : notebooks) {
      findings.addAll(check(notebook.file(), notebook.notebook()));
    }
    findings.addAll(gradeIdsAcrossNotebooks(notebooks));
    return findings;
  }

  /**
   * tito keys grades by grade_id across the module (nbgrader only per notebook), so a grade_id may be
   * used in one notebook only.
   */
  private static List<Finding> gradeIdsAcrossNotebooks(List<ModuleNotebook> notebooks) {
    Map<String, ModuleNotebook> firstUse = new HashMap<>();
    Map<String, Integer> firstCell = new HashMap<>();
    List<Finding> findings = new ArrayList<>();
    for (ModuleNotebook notebook : notebooks) {
      List<Cell> cells = notebook.notebook().cells();
      Set<String> here = new LinkedHashSet<>();
      for (int i = 0; i < cells.size(); i++) {
        Cell cell = cells.get(i);
        String id = GradingFlags.gradeId(cell);
        if (id == null || id.isEmpty() || !(GradingFlags.isChecksummed(cell) || GradingFlags.isTask(cell))) {
          continue;
        }
        ModuleNotebook other = firstUse.get(id);
        if (other != null && !Objects.equals(other.file(), notebook.file())) {
          findings.add(Finding.error(notebook.file(), i, id, null, "grade_id '" + id + "' is also used in "
              + other.file() + " (cell " + firstCell.get(id) + "); grade_ids must be unique across the module"));
        } else if (here.add(id) && other == null) {
          firstUse.put(id, notebook);
          firstCell.put(id, i);
        }
      }
    }
    return findings;
  }

  /**
   * The release stops at its first error, which the cell-by-cell gates have then already reported
   * (in the instructor's words rather than after stubbing).
   */
  private static boolean alreadyReported(List<Finding> findings, Finding release) {
    for (Finding finding : findings) {
      if (finding.isError() && (Objects.equals(finding.message(), release.message())
          || release.cellIndex() != null && release.cellIndex().equals(finding.cellIndex()))) {
        return true;
      }
    }
    return false;
  }
}
