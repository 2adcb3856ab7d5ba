package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Replaces every {@code BEGIN SOLUTION} / {@code END SOLUTION} region with the stub (the kernel
 * language's code stub in code cells, the text stub elsewhere), and a solution cell without regions
 * wholesale.
 */
public final class ClearSolutions implements CellStep {
  public static final String BEGIN = "BEGIN SOLUTION";
  public static final String END = "END SOLUTION";

  private final Map<String, String> codeStubs;
  private final String textStub;
  private final boolean enforceMetadata;

  public ClearSolutions(Map<String, String> codeStubs, String textStub, boolean enforceMetadata) {
    this.codeStubs = codeStubs;
    this.textStub = textStub;
    this.enforceMetadata = enforceMetadata;
  }

  @Override
  public void beforeCells(Notebook notebook) {
    codeStub(notebook);
    notebook.metadata().remove("celltoolbar");
  }

  @Override
  public void applyToCell(Notebook notebook, Cell cell, int index) {
    String stub = cell.isCode() ? codeStub(notebook) : textStub;
    String source = cell.source();
    // the stub is split into lines only where a region will use it
    List<String> stubLines = source.contains(BEGIN) ? Arrays.asList(stub.split("\n", -1)) : null;
    DelimitedRegions.Result result;
    try {
      result = DelimitedRegions.replace(source, BEGIN, END, stubLines);
    } catch (DelimitedRegions.UnbalancedException e) {
      String message =
          e.kind() == DelimitedRegions.UnbalancedException.Kind.NESTED
              ? "encountered nested begin solution statements"
              : "no end solution statement found";
      throw new ReleaseException(name(), index, GradingFlags.gradeId(cell), e.line(), message);
    }
    cell.setSource(result.text());
    boolean solution = GradingFlags.isSolution(cell);
    if (result.found() && !solution && enforceMetadata) {
      throw new ReleaseException(
          name(),
          index,
          GradingFlags.gradeId(cell),
          null,
          "Solution region detected in a non-solution cell; please make sure all solution regions are "
              + "within solution cells.");
    }
    if (solution && !result.found()) {
      cell.setSource(stub);
    }
  }

  /** The stub for the notebook's kernelspec language; an unknown language fails as in nbgrader. */
  String codeStub(Notebook notebook) {
    String language = notebook.kernelLanguage();
    String stub = codeStubs.get(language);
    if (stub == null) {
      throw new ReleaseException(
          name(),
          null,
          null,
          null,
          "language '" + language + "' has not been specified in ClearSolutions.code_stub");
    }
    return stub;
  }
}
