package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.metadata.CellMetadataValidator;
import dev.tito.notebook.metadata.MetadataValidationException;
import dev.tito.notebook.metadata.SchemaVersionException;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every cell's nbgrader metadata problem (nbgrader stops at the first), plus repeated grade_ids. */
final class MetadataGate implements NotebookGate {
  @Override
  public List<Finding> check(Path file, Notebook notebook) {
    List<Finding> findings = new ArrayList<>();
    List<Cell> cells = notebook.cells();
    for (int i = 0; i < cells.size(); i++) {
      try {
        CellMetadataValidator.validateCell(cells.get(i), i);
      } catch (MetadataValidationException e) {
        findings.add(Finding.error(file, i, e.gradeId(), null, e.getMessage()));
      } catch (SchemaVersionException e) {
        findings.add(
            Finding.error(
                file,
                i,
                GradingFlags.gradeId(cells.get(i)),
                null,
                e.getMessage()
                    + (e.tooOld()
                        ? "; upgrade the metadata with: tito module update " + file
                        : "")));
      }
    }
    for (MetadataValidationException e : CellMetadataValidator.duplicateGradeIds(cells)) {
      findings.add(Finding.error(file, e.cellIndex(), e.gradeId(), null, e.getMessage()));
    }
    return findings;
  }
}
