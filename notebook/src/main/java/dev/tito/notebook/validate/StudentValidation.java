package dev.tito.notebook.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.autograde.CellGrade;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionOutcome;
import dev.tito.notebook.execute.ExecutionPurpose;
import dev.tito.notebook.execute.NotebookExecutor;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.metadata.CellMetadataValidator;
import dev.tito.notebook.nbgrader.Checksum;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * nbgrader's {@code validate} for a student's own notebook: changed cell types (before running
 * anything), changed test cells by checksum, then the tests' results from a real kernel.
 */
public final class StudentValidation {
  static final String NO_RESPONSE = "You did not provide a response.";
  static final String PARTIAL = "Partial credit; passed some but not all of the tests";

  private final NotebookExecutor executor;
  private final ExecutionLimits limits;

  public StudentValidation(NotebookExecutor executor, ExecutionLimits limits) {
    this.executor = executor;
    this.limits = limits;
  }

  /**
   * @param folder the notebook's folder: its data files are beside the notebook while it runs
   * @throws dev.tito.notebook.metadata.MetadataValidationException for invalid nbgrader metadata
   * @throws ValidationRunException when the kernel run fails as a whole (timeout of the deadline, dead kernel)
   */
  public ValidationReport validate(
      String fileName, Notebook notebook, Path folder, ValidationOptions options) {
    List<ValidationReport.Entry> typeChanged = new ArrayList<>();
    for (Cell cell : notebook.cells()) {
      String stored =
          GradingFlags.isChecksummed(cell) ? cell.nbgrader().path("cell_type").asText("") : "";
      if (!stored.isEmpty() && !stored.equals(cell.type())) {
        typeChanged.add(
            new ValidationReport.Entry(cell.source().strip(), cell.type(), stored, null));
      }
    }
    if (!typeChanged.isEmpty()) {
      return new ValidationReport(ValidationReport.Kind.TYPE_CHANGED, typeChanged);
    }
    Notebook checked = notebook.deepCopy();
    CellMetadataValidator.validateNotebook(checked);
    if (options.ignoreChecksums()) {
      checked.cells().stream()
          .filter(c -> GradingFlags.isGrade(c) || GradingFlags.isLocked(c))
          .forEach(c -> c.nbgrader().remove("checksum"));
    }
    List<ValidationReport.Entry> changed = new ArrayList<>();
    for (Cell cell : checked.cells()) {
      boolean test =
          (GradingFlags.isGrade(cell) || GradingFlags.isLocked(cell))
              && !GradingFlags.isSolution(cell);
      if (test
          && cell.nbgrader().hasNonNull("checksum")
          && !cell.nbgrader().get("checksum").asText().equals(Checksum.of(cell))) {
        changed.add(new ValidationReport.Entry(cell.source().strip(), null, null, null));
      }
    }
    if (!changed.isEmpty()) {
      // nbgrader runs the notebook first, but changed cells win whatever the run gives
      return new ValidationReport(ValidationReport.Kind.CHANGED, changed);
    }
    for (Cell cell : checked.cells()) {
      if (cell.isCode()) {
        cell.node().putArray("outputs");
        cell.node().putNull("execution_count");
      }
    }
    ExecutionOutcome outcome =
        executor.execute(fileName, checked, List.of(folder), limits, ExecutionPurpose.VALIDATE);
    if (outcome.executed() == null) {
      throw new ValidationRunException(
          fileName + ": " + outcome.failure().wireName() + ": " + outcome.message());
    }
    return results(outcome.executed(), options);
  }

  private static ValidationReport results(Notebook executed, ValidationOptions options) {
    List<ValidationReport.Entry> passed = new ArrayList<>();
    List<ValidationReport.Entry> failed = new ArrayList<>();
    for (Cell cell : executed.cells()) {
      boolean errored = cell.isCode() && hasErrorOrStderr(cell);
      if (GradingFlags.isGrade(cell)) {
        Double points = GradingFlags.points(cell);
        CellGrade grade = CellGrade.of(cell, points == null ? 0 : points);
        if (grade.score() != null && grade.score() == grade.max()) {
          passed.add(new ValidationReport.Entry(cell.source().strip(), null, null, null));
        }
        if (grade.score() != null
            && (grade.score() < grade.max() || (grade.max() == 0 && errored))) {
          failed.add(
              new ValidationReport.Entry(
                  cell.source().strip(), null, null, error(cell, true, grade)));
        }
      } else if (options.validateAll() && errored) {
        failed.add(
            new ValidationReport.Entry(
                cell.source().strip(), null, null, error(cell, false, null)));
      }
    }
    List<ValidationReport.Entry> chosen = options.invert() ? passed : failed;
    if (chosen.isEmpty()) {
      return ValidationReport.success();
    }
    return new ValidationReport(
        options.invert() ? ValidationReport.Kind.PASSED : ValidationReport.Kind.FAILED, chosen);
  }

  private static boolean hasErrorOrStderr(Cell cell) {
    for (JsonNode output : cell.outputs()) {
      String type = output.path("output_type").asText();
      if ("error".equals(type)
          || ("stream".equals(type) && "stderr".equals(output.path("name").asText()))) {
        return true;
      }
    }
    return false;
  }

  private static String error(Cell cell, boolean graded, CellGrade grade) {
    if (!cell.isCode()) {
      return NO_RESPONSE;
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode output : cell.outputs()) {
      String type = output.path("output_type").asText();
      if ("error".equals(type)) {
        List<String> lines = new ArrayList<>();
        output.path("traceback").forEach(l -> lines.add(l.asText()));
        parts.add(String.join("\n", lines));
      } else if ("stream".equals(type) && "stderr".equals(output.path("name").asText())) {
        parts.add(output.path("text").asText());
      }
    }
    if (!parts.isEmpty()) {
      return String.join("\n", parts);
    }
    return graded && grade != null && grade.score() != null && grade.score() < grade.max()
        ? PARTIAL
        : NO_RESPONSE;
  }
}
