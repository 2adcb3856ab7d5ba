package dev.tito.cli;

import dev.tito.notebook.course.NotebookFiles;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.gates.ModuleNotebook;
import dev.tito.notebook.release.ReleaseException;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.StudentRelease;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate --nbgrader}: what nbgrader's generate_assignment itself rejects. It releases each
 * notebook in memory and reports the error the release stops at; nbgrader checks nothing across notebooks.
 */
final class NbgraderCheck implements ValidateCommand.Check {
  @Override
  public List<Finding> notebook(ModuleNotebook notebook) {
    try {
      StudentRelease.release(notebook.notebook(), ReleaseOptions.defaults());
      return List.of();
    } catch (ReleaseException e) {
      return List.of(Finding.error(notebook.file(), e.cellIndex(), e.gradeId(), e.line(), e.getMessage()));
    }
  }

  @Override
  public NotebookFiles.ReadNotebook read(Path file) {
    return NotebookFiles.readAsNbgrader(file);
  }

  @Override
  public List<Finding> module(List<ModuleNotebook> notebooks) {
    List<Finding> findings = new ArrayList<>();
    notebooks.forEach(notebook -> findings.addAll(notebook(notebook)));
    return findings;
  }
}
