package dev.tito.notebook.testing;

import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionOutcome;
import dev.tito.notebook.execute.ExecutionPurpose;
import dev.tito.notebook.execute.NotebookExecutor;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs identical requests (same cells, limits and purpose) once for a whole test class: conformance
 * cases often grade the same submission under different reporting options. The first caller runs,
 * later ones wait for its outcome. Not part of the key: cell metadata (checksums) and the data folders'
 * contents (compared by name; the corpus' identical submissions carry identical files).
 */
public final class SharedRuns implements NotebookExecutor {
  private final NotebookExecutor runs;
  private final Map<String, CompletableFuture<ExecutionOutcome>> outcomes =
      new ConcurrentHashMap<>();
  private final Map<String, Boolean> started = new ConcurrentHashMap<>();

  public SharedRuns(NotebookExecutor runs) {
    this.runs = runs;
  }

  @Override
  public ExecutionOutcome execute(
      String fileName,
      Notebook notebook,
      List<Path> dataDirs,
      ExecutionLimits limits,
      ExecutionPurpose purpose) {
    String key =
        fileName
            + limits
            + purpose
            + dataDirs.stream().map(d -> d.getFileName().toString()).toList()
            + NotebookWriter.toJson(withoutChecksums(notebook));
    CompletableFuture<ExecutionOutcome> shared =
        outcomes.computeIfAbsent(key, k -> new CompletableFuture<>());
    if (started.putIfAbsent(key, true) == null) {
      shared.complete(runs.execute(fileName, notebook, dataDirs, limits, purpose));
    }
    ExecutionOutcome outcome = shared.join();
    Notebook executed =
        outcome.executed() == null ? null : withOutputs(notebook, outcome.executed());
    return new ExecutionOutcome(executed, outcome.failure(), outcome.message(), outcome.elapsed());
  }

  private static Notebook withoutChecksums(Notebook notebook) {
    Notebook copy = notebook.deepCopy();
    for (Cell cell : copy.cells()) {
      if (cell.nbgrader() != null) {
        cell.nbgrader().remove("checksum");
      }
    }
    return copy;
  }

  /** The shared run's outputs on this request's own cells. */
  private static Notebook withOutputs(Notebook request, Notebook executed) {
    Notebook copy = request.deepCopy();
    List<Cell> cells = copy.cells();
    List<Cell> ran = executed.cells();
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).isCode()) {
        cells.get(i).node().set("outputs", ran.get(i).outputs().deepCopy());
        cells.get(i).node().set("execution_count", ran.get(i).node().get("execution_count"));
      }
    }
    return copy;
  }
}
