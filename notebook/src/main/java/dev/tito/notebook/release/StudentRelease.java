package dev.tito.notebook.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Cell;
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
    Notebook notebook = copyForRelease(source);
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

  /**
   * A deep copy, except that code cells' outputs are not copied: {@link ClearOutput} replaces them
   * anyway, and they are often most of a notebook's bytes.
   */
  private static Notebook copyForRelease(Notebook source) {
    ObjectNode root = source.root().objectNode();
    source
        .root()
        .fields()
        .forEachRemaining(
            field -> {
              JsonNode value = field.getValue();
              root.set(
                  field.getKey(),
                  field.getKey().equals("cells") && value.isArray()
                      ? copyCells(value)
                      : value.deepCopy());
            });
    return new Notebook(root);
  }

  private static JsonNode copyCells(JsonNode cells) {
    ArrayNode copy = JsonNodeFactory.instance.arrayNode(cells.size());
    for (JsonNode cell : cells) {
      if (!(cell instanceof ObjectNode node) || !new Cell(node).isCode()) {
        copy.add(cell.deepCopy());
        continue;
      }
      ObjectNode cellCopy = copy.addObject();
      node.fields()
          .forEachRemaining(
              field ->
                  cellCopy.set(
                      field.getKey(),
                      field.getKey().equals("outputs")
                          ? cellCopy.arrayNode()
                          : field.getValue().deepCopy()));
    }
    return copy;
  }

  /** nbgrader's generate_assignment preprocessors; InstantiateTests only refuses AUTOTEST (it needs a kernel). */
  static List<ReleaseStep> pipeline(ReleaseOptions options, SaveCells saveCells) {
    boolean enforce = options.enforceMetadata();
    // one instance for both runs: it remembers the checksums of cells the steps between did not
    // change
    ComputeChecksums checksums = new ComputeChecksums();
    List<ReleaseStep> steps = new ArrayList<>();
    steps.add(new IncludeHeaderFooter(options.header(), options.footer()));
    steps.add(new InstantiateTests());
    steps.add(new LockCells());
    steps.add(new ClearSolutions(options.codeStubs(), options.textStub(), enforce));
    steps.add(new ClearOutput());
    if (enforce) {
      steps.add(new CheckCellMetadata());
      steps.add(checksums);
    }
    steps.add(saveCells);
    steps.add(new ClearHiddenTests(enforce));
    steps.add(new ClearMarkScheme(enforce));
    if (enforce) {
      steps.add(checksums);
      steps.add(new CheckCellMetadata());
    }
    return steps;
  }
}
