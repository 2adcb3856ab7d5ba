package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.release.NotebookReleaser;
import dev.tito.notebook.release.ReleaseException;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks instructor notebooks before a release: everything that would make nbgrader's
 * generate_assignment fail (all of it, not just the first problem), plus course rules.
 */
public final class QualityGates {
  private static final Comparator<Finding> IN_NOTEBOOK_ORDER =
      Comparator.comparing((Finding f) -> f.cellIndex() == null ? -1 : f.cellIndex())
          .thenComparing(Finding::severity)
          .thenComparing(f -> f.line() == null ? 0 : f.line());

  private final List<NotebookGate> cellGates;
  private final ReleaseGate releaseGate;
  private final Set<String> allowed;

  public QualityGates() {
    this(ReleaseOptions.defaults(), Set.of());
  }

  public QualityGates(ReleaseOptions options) {
    this(options, Set.of());
  }

  /** @param allowed rules whose errors the caller allows ({@link Allowances#RULES}), shown as warnings */
  public QualityGates(ReleaseOptions options, Set<String> allowed) {
    this.cellGates =
        List.of(
            new MetadataGate(), new RegionGate(options), new CellRoleGate(), new WholeCellStubs());
    this.releaseGate = new ReleaseGate(options);
    this.allowed = Set.copyOf(allowed);
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
    return checkAndRelease(new ModuleNotebook(file, notebook));
  }

  /** As {@link #checkAndRelease(Path, Notebook)}, with findings at their lines of a jupytext file. */
  public GatedRelease checkAndRelease(ModuleNotebook module) {
    Path file = module.file();
    Notebook notebook = module.notebook();
    List<Finding> findings = new ArrayList<>();
    for (NotebookGate gate : cellGates) {
      findings.addAll(gate.check(file, notebook));
    }
    ReleaseGate.Outcome outcome = releaseGate.release(file, notebook);
    if (outcome.error() != null && !alreadyReported(findings, outcome.error())) {
      findings.add(outcome.error());
    }
    Set<String> byNotebook = Allowances.inNotebook(notebook);
    findings = new ArrayList<>(Allowances.apply(findings, byNotebook, allowed));
    findings.addAll(Allowances.unknown(file, byNotebook));
    findings.sort(IN_NOTEBOOK_ORDER);
    return new GatedRelease(module.locate(findings), outcome.release());
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
      throw new ReleaseException(
          "gates", error.cellIndex(), error.gradeId(), error.line(), error.message());
    };
  }

  /**
   * Every notebook of a module checked and released, then the rules that look at the module as a whole:
   * grade_ids used in more than one notebook, and a release worth 0 points.
   */
  public GatedModule checkModule(List<ModuleNotebook> notebooks) {
    List<Finding> findings = new ArrayList<>();
    Map<Path, ReleasedNotebook> releases = new LinkedHashMap<>();
    Set<String> byNotebooks = new HashSet<>();
    for (ModuleNotebook notebook : notebooks) {
      GatedRelease gated = checkAndRelease(notebook);
      findings.addAll(gated.findings());
      releases.put(notebook.file(), gated.release());
      byNotebooks.addAll(Allowances.inNotebook(notebook.notebook()));
    }
    List<Finding> module = new ArrayList<>(ModuleGradeIds.check(notebooks));
    module.addAll(ModulePoints.check(notebooks, releases));
    for (Finding finding : Allowances.apply(module, byNotebooks, allowed)) {
      findings.add(locate(notebooks, finding));
    }
    return new GatedModule(findings, releases);
  }

  private static Finding locate(List<ModuleNotebook> notebooks, Finding finding) {
    for (ModuleNotebook notebook : notebooks) {
      if (notebook.file().equals(finding.file())) {
        return notebook.locate(List.of(finding)).get(0);
      }
    }
    return finding;
  }

  /**
   * The release stops at its first error, which the cell-by-cell gates have then already reported
   * (in the instructor's words rather than after stubbing).
   */
  private static boolean alreadyReported(List<Finding> findings, Finding release) {
    for (Finding finding : findings) {
      if (finding.isError()
          && (Objects.equals(finding.message(), release.message())
              || release.cellIndex() != null && release.cellIndex().equals(finding.cellIndex()))) {
        return true;
      }
    }
    return false;
  }
}
