package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.release.ReleaseOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Checks instructor notebooks before a release: everything that would make nbgrader's
 * generate_assignment fail (all of it, not just the first problem), plus course rules.
 */
public final class QualityGates {
  private static final Comparator<Finding> IN_NOTEBOOK_ORDER = Comparator
      .comparing((Finding f) -> f.cellIndex() == null ? -1 : f.cellIndex())
      .thenComparing(Finding::severity)
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

  /** Findings for one notebook: notebook-wide first, then by cell, errors before warnings. */
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
    findings.addAll(ModuleGradeIds.check(notebooks));
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
