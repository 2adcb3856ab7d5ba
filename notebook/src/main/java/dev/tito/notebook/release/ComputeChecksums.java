package dev.tito.notebook.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.Checksum;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Stores the checksum and current type of every grade, solution and (effectively) locked cell. The
 * release runs it twice; a cell whose source is still the very string hashed the first time, with the
 * same type and flags, keeps the checksum computed then.
 */
public final class ComputeChecksums implements CellStep {
  /** What was hashed for a cell and the result. */
  private record Hashed(String source, String afterSource, String checksum) {}

  private final Map<ObjectNode, Hashed> hashed = new IdentityHashMap<>();

  @Override
  public void applyToCell(Notebook notebook, Cell cell, int index) {
    if (!GradingFlags.isChecksummed(cell)) {
      return;
    }
    String source = cell.source();
    String afterSource = Checksum.afterSource(cell);
    Hashed last = hashed.get(cell.node());
    // the same source instance has the same text: no need to compare or hash it again
    if (last == null || last.source() != source || !last.afterSource().equals(afterSource)) {
      last = new Hashed(source, afterSource, Checksum.of(source, afterSource));
      hashed.put(cell.node(), last);
    }
    cell.nbgrader().put("checksum", last.checksum());
    cell.nbgrader().put("cell_type", cell.type());
  }
}
