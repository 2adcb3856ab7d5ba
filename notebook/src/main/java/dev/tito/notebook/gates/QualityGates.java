package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.release.NotebookReleaser;
import dev.tito.notebook.release.ReleaseException;
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
    return checkAndRelease(file, notebook).findings();
  }

  /**
   * The findings of {@link #check} and the in-memory student release made for them (the notebook is
   * released once), so validating then releasing costs one release.
   */
  public GatedRelease checkAndRelease(Path file, Notebook notebook) {
    List<Finding> findings = new ArrayList<>();
    for (NotebookGate gate : cellGates) {
      findings.addAll(gate.check(file, notebook));
    }
    ReleaseGate.Outcome outcome = releaseGate.release(file, notebook);
    if (outcome.error() != null && !alreadyReported(findings, outcome.error())) {
      findings.add(outcome.error());
    }
    findings.sort(IN_NOTEBOOK_ORDER);
    return new GatedRelease(findings, outcome.release());
  }

  /**
   * Releases each notebook with the release its check made, refusing a notebook with an error finding:
   * its first error (in notebook order) is the release's error. For {@code ModuleRelease}.
   */
  public NotebookReleaser releaser() {
    return (file, notebook) -> {
      GatedRelease gated = checkAndRelease(file, notebook);
      if (gated.passed()) {
        return gated.release();
      }
      Finding error = gated.findings().stream().filter(Finding::isError).findFirst().orElseThrow();
      throw new ReleaseException("QualityGates", error.cellIndex(), error.gradeId(), error.line(), error.message());
    };
  }

  /** Findings for every notebook of a module, then grade_ids used in more than one notebook. */
  public List<Finding> checkModule(List<ModuleNotebook> notebooks) {
    List<Finding> findings = new ArrayList<>();
    for (ModuleNotebook notebook : notebooks) {
      findings.addAll(check(notebook.file(), notebook.notebook()));
    }
    findings.addAll(checkAcrossNotebooks(notebooks));
    return findings;
  }

  /** The module rules that look at several notebooks at once (grade_ids used in more than one notebook). */
  public List<Finding> checkAcrossNotebooks(List<ModuleNotebook> notebooks) {
    return ModuleGradeIds.check(notebooks);
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
