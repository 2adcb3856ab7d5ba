package dev.tito.notebook.course;

import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.gates.GatedModule;
import dev.tito.notebook.gates.ModuleNotebook;
import dev.tito.notebook.gates.QualityGates;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.release.ModuleRelease;
import dev.tito.notebook.release.ModuleReleaseResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Releases one module of a course as {@code tito module release} does: its notebooks are read (with the
 * in-memory metadata upgrade), the quality gates check the module as a whole, and only a module without
 * errors is published to {@code release/<module>/} with its gradebook rows. The previous release stays
 * until the new one is complete.
 */
public final class GatedModuleRelease {
  /** How a module's release ended. */
  public enum Outcome {
    RELEASED,
    RELEASED_WITH_WARNINGS,
    REFUSED,
    UNREADABLE
  }

  /**
   * @param findings the gates' findings (errors when refused; warnings, allowed errors among them, otherwise)
   * @param problems one line each for what could not be read or written (when unreadable)
   * @param points the release's max points, or null when nothing was released
   */
  public record Result(
      Outcome outcome,
      int notebooks,
      List<Finding> findings,
      List<String> problems,
      Double points) {
    public Result {
      findings = List.copyOf(findings);
      problems = List.copyOf(problems);
    }

    public long warnings() {
      return findings.stream().filter(finding -> !finding.isError()).count();
    }
  }

  /**
   * A module read and checked by the gates: its notebooks (solutions in place), each notebook file as read, what the
   * gates found (upgrade warnings included) and the in-memory release they made.
   */
  public record Gated(
      List<ModuleNotebook> notebooks,
      Map<Path, NotebookFiles.ReadNotebook> read,
      GatedModule gated,
      List<Finding> findings) {
    public Gated {
      notebooks = List.copyOf(notebooks);
      read = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(read));
      findings = List.copyOf(findings);
    }
  }

  /**
   * A check of a module the gates passed, before its release is published (the reference-solution gate of {@code
   * release --execute}); an error finding refuses the module.
   */
  public interface AfterGates {
    List<Finding> check(CourseModule module, Gated gated);
  }

  private final QualityGates gates;
  private final AfterGates after;

  public GatedModuleRelease(QualityGates gates) {
    this(gates, (module, gated) -> List.of());
  }

  public GatedModuleRelease(QualityGates gates, AfterGates after) {
    this.gates = gates;
    this.after = after;
  }

  public Result release(Course course, CourseModule module) {
    ModuleSources sources = module.sources();
    int count = sources.notebooks().size();
    if (!sources.problems().isEmpty()) {
      return new Result(Outcome.REFUSED, count, sources.problems(), List.of(), null);
    }
    try {
      Gated checked = check(sources);
      List<Finding> findings = new ArrayList<>(checked.findings());
      if (checked.gated().passed()) {
        findings.addAll(after.check(module, checked));
      }
      if (!checked.gated().passed() || findings.stream().anyMatch(Finding::isError)) {
        return new Result(
            Outcome.REFUSED,
            count,
            findings.stream().filter(Finding::isError).toList(),
            List.of(),
            null);
      }
      return publish(course, module, checked.read(), checked.gated(), findings);
    } catch (NotebookFormatException | CourseException e) {
      return new Result(Outcome.UNREADABLE, count, List.of(), List.of(e.getMessage()), null);
    }
  }

  /**
   * Reads a module's notebooks (with the in-memory metadata upgrade) and checks them with the gates, as a release
   * does before it publishes anything.
   *
   * @throws NotebookFormatException naming the file that cannot be read
   */
  public Gated check(ModuleSources sources) {
    Map<Path, NotebookFiles.ReadNotebook> read = new LinkedHashMap<>();
    List<ModuleNotebook> notebooks = new ArrayList<>();
    List<Finding> upgrades = new ArrayList<>();
    for (Path file : sources.notebooks()) {
      NotebookFiles.ReadNotebook notebook = NotebookFiles.readWithUpgrades(file);
      read.put(file, notebook);
      notebooks.add(notebook.moduleNotebook(file));
      upgrades.addAll(notebook.upgradeWarnings(file));
    }
    GatedModule gated = gates.checkModule(notebooks);
    List<Finding> findings = new ArrayList<>(upgrades);
    findings.addAll(gated.findings());
    return new Gated(notebooks, read, gated, findings);
  }

  private Result publish(
      Course course,
      CourseModule module,
      Map<Path, NotebookFiles.ReadNotebook> read,
      GatedModule gated,
      List<Finding> findings) {
    Path releaseDir = course.releaseDir(module.name());
    requireFolderOrAbsent(releaseDir.getParent());
    requireFolderOrAbsent(releaseDir);
    ModuleReleaseResult result =
        new ModuleRelease(file -> read.get(file).notebook(), read::containsKey)
            .release(
                module.sourceDir(),
                releaseDir,
                course.gradebookFile(module.name()),
                module.name(),
                (file, notebook) -> gated.releases().get(file));
    if (!result.ok()) {
      return new Result(
          Outcome.UNREADABLE,
          read.size(),
          List.of(),
          result.errors().stream().map(ModuleReleaseResult.NotebookError::describe).toList(),
          null);
    }
    Outcome outcome = findings.isEmpty() ? Outcome.RELEASED : Outcome.RELEASED_WITH_WARNINGS;
    return new Result(outcome, read.size(), findings, List.of(), result.gradebook().maxPoints());
  }

  /** A release folder that is a file would be replaced by the release: refuse instead. */
  private static void requireFolderOrAbsent(Path dir) {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
      throw new CourseException(
          dir + ": exists and is not a folder; the release is written to a folder there");
    }
  }
}
