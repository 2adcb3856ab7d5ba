package dev.tito.cli;

import dev.tito.notebook.course.NotebookFiles;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.gates.GatedModule;
import dev.tito.notebook.gates.GatedRelease;
import dev.tito.notebook.gates.ModuleNotebook;
import dev.tito.notebook.release.ReleaseException;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code validate --nbgrader}: what nbgrader's generate_assignment itself rejects. It releases each
 * notebook in memory and reports the error the release stops at; nbgrader checks nothing across notebooks.
 */
final class NbgraderCheck implements ValidateCommand.Check {
  @Override
  public GatedRelease notebook(ModuleNotebook notebook) {
    try {
      return new GatedRelease(
          List.of(), StudentRelease.release(notebook.notebook(), ReleaseOptions.defaults()));
    } catch (ReleaseException e) {
      return new GatedRelease(
          List.of(
              Finding.error(notebook.file(), e.cellIndex(), e.gradeId(), e.line(), e.getMessage())),
          null);
    }
  }

  @Override
  public NotebookFiles.ReadNotebook read(Path file) {
    return NotebookFiles.readAsNbgrader(file);
  }

  @Override
  public GatedModule module(List<ModuleNotebook> notebooks) {
    List<Finding> findings = new ArrayList<>();
    Map<Path, ReleasedNotebook> releases = new LinkedHashMap<>();
    for (ModuleNotebook notebook : notebooks) {
      GatedRelease released = notebook(notebook);
      findings.addAll(released.findings());
      releases.put(notebook.file(), released.release());
    }
    return new GatedModule(findings, releases);
  }
}
