package dev.tito.cli;

import dev.tito.notebook.autograde.NotebookAutograder;
import dev.tito.notebook.course.CourseModule;
import dev.tito.notebook.course.GatedModuleRelease;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionPurpose;
import dev.tito.notebook.execute.LocalJupyter;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.reference.NotebookRuns;
import dev.tito.notebook.reference.ReferenceFindings;
import dev.tito.notebook.reference.ReferenceModule;
import dev.tito.notebook.reference.ReferenceRuns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Grades modules' reference solutions (and student releases) with {@code tito module grade}'s engine: one grading
 * worker serving every {@code --parallel} slot, its limits, its autograder; modules run side by side, one per slot.
 */
final class ReferenceGate implements AutoCloseable {
  private final LocalJupyterExecutor executor;
  private final ReferenceRuns runs;
  private final ExecutionLimits limits;
  private final int slots;

  ReferenceGate(ExecutionLimits limits, int slots) {
    LocalJupyter.require(LocalJupyter.python(System.getenv()));
    this.executor = new LocalJupyterExecutor(LocalJupyter.python(System.getenv()), slots);
    // the workers and their first kernels start while the modules are read
    executor.warm(limits, ExecutionPurpose.AUTOGRADE);
    this.runs = new ReferenceRuns(new NotebookAutograder(executor, limits));
    this.limits = limits;
    this.slots = slots;
  }

  /**
   * Runs an empty notebook, so that the worker's start (Python, nbconvert, the first kernel) is paid before the first
   * module is timed, not by it.
   */
  void warmUp() {
    Notebook empty =
        NotebookReader.parse(
            ("{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, " + "\"nbformat_minor\": 5}")
                .getBytes(StandardCharsets.UTF_8),
            "warm-up.ipynb");
    executor.execute("warm-up.ipynb", empty, List.of(), limits, ExecutionPurpose.AUTOGRADE);
  }

  /** Every module's runs, in the modules' order; {@code listener} hears of each in that order. */
  List<List<NotebookRuns>> run(
      List<ReferenceModule> modules,
      boolean withRelease,
      ModulePool.Listener<ReferenceModule, List<NotebookRuns>> listener) {
    return ModulePool.map(modules, slots, module -> runs.run(module, withRelease), listener);
  }

  /** For {@code release --execute}: the reference solution's findings, before the module is published. */
  GatedModuleRelease.AfterGates beforePublishing() {
    return (CourseModule module, GatedModuleRelease.Gated checked) ->
        ReferenceModule.of(
                module.name(),
                module.sourceDir(),
                checked.notebooks(),
                checked.gated(),
                checked.read().keySet())
            .map(reference -> findings(runs.run(reference, true)))
            .orElse(List.of());
  }

  List<Finding> findings(List<NotebookRuns> notebooks) {
    List<Finding> findings = new ArrayList<>();
    notebooks.forEach(notebook -> findings.addAll(ReferenceFindings.of(notebook, limits)));
    return findings;
  }

  @Override
  public void close() {
    executor.close();
  }
}
