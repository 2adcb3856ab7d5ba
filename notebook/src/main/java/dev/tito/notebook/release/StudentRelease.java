package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Notebook;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the student version of an instructor notebook exactly as nbgrader's generate_assignment does,
 * as a pipeline of nbgrader's steps in nbgrader's order. The order matters: the gradebook keeps sources
 * and checksums with hidden tests and mark schemes still in, the student notebook gets them stripped.
 */
public final class StudentRelease {
  private StudentRelease() {}

  /** Releases a copy of {@code source}; the source itself is not changed. */
  public static ReleasedNotebook release(Notebook source, ReleaseOptions options) {
    Notebook notebook = source.deepCopy();
    int headerCells = options.header() == null ? 0 : options.header().cells().size();
    int sourceCells = source.cells().size();
    SaveCells saveCells = new SaveCells(options.enforceMetadata());
    try {
      for (ReleaseStep step : pipeline(options, saveCells)) {
        step.apply(notebook);
      }
    } catch (ReleaseException e) {
      throw e.relativeTo(headerCells, sourceCells);
    }
    return new ReleasedNotebook(notebook, saveCells.rows());
  }

  /** nbgrader's generate_assignment preprocessors; InstantiateTests only refuses AUTOTEST (it needs a kernel). */
  static List<ReleaseStep> pipeline(ReleaseOptions options, SaveCells saveCells) {
    boolean enforce = options.enforceMetadata();
    List<ReleaseStep> steps = new ArrayList<>();
    steps.add(new IncludeHeaderFooter(options.header(), options.footer()));
    steps.add(new InstantiateTests());
    steps.add(new LockCells());
    steps.add(new ClearSolutions(options.codeStubs(), options.textStub(), enforce));
    steps.add(new ClearOutput());
    if (enforce) {
      steps.add(new CheckCellMetadata());
      steps.add(new ComputeChecksums());
    }
    steps.add(saveCells);
    steps.add(new ClearHiddenTests(enforce));
    steps.add(new ClearMarkScheme(enforce));
    if (enforce) {
      steps.add(new ComputeChecksums());
      steps.add(new CheckCellMetadata());
    }
    return steps;
  }
}
