package dev.tito.notebook.gradebook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What nbgrader's gradebook holds about one released assignment, in the shape of nbgrader's own rows
 * (the corpus' {@code derived/generate/<case>/gradebook.json}). Release writes it to
 * {@code <course>/.tito/<module>.json} as {@code {"<module>": {...}}}; autograde reads it back.
 */
public record ReleaseGradebook(
    @JsonProperty("duedate") String duedate,
    @JsonProperty("notebooks") SortedMap<String, NotebookRows> notebooks) {

  /** Rows of one notebook (keyed by file name without {@code .ipynb}). */
  public record NotebookRows(
      @JsonProperty("grade_cells") SortedMap<String, GradeCell> gradeCells,
      /** JSON text of {@code metadata.kernelspec} written as Python's json.dumps does; "{}" if absent. */
      @JsonProperty("kernelspec") String kernelspec,
      @JsonProperty("solution_cells") List<String> solutionCells,
      @JsonProperty("source_cells") SortedMap<String, SourceCell> sourceCells,
      @JsonProperty("task_cells") SortedMap<String, GradeCell> taskCells) {

    /** nbgrader's notebook max score: every grade cell's and task cell's points. */
    public double maxPoints() {
      return gradeCells.values().stream().mapToDouble(GradeCell::maxScore).sum()
          + taskCells.values().stream().mapToDouble(GradeCell::maxScore).sum();
    }
  }

  /** A grade cell or a task cell: its maximum score and type. */
  public record GradeCell(
      @JsonProperty("cell_type") String cellType, @JsonProperty("max_score") double maxScore) {}

  /**
   * A source cell: the source after solution stubs but before hidden tests and mark schemes are
   * removed, and the checksum of that source (null for an unlocked task cell).
   */
  public record SourceCell(
      @JsonProperty("cell_type") String cellType,
      @JsonProperty("checksum") String checksum,
      @JsonProperty("locked") boolean locked,
      @JsonProperty("source") String source) {}

  /** nbgrader's assignment max score: the sum over its notebooks. */
  public double maxPoints() {
    return notebooks.values().stream().mapToDouble(NotebookRows::maxPoints).sum();
  }

  /** Convenience for readers: all rows of the assignment, keyed as in the file. */
  public static Map<String, ReleaseGradebook> wrap(String module, ReleaseGradebook gradebook) {
    return Map.of(module, gradebook);
  }
}
