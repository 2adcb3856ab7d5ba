package dev.tito.notebook.gates;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * tito keys a module's grades by grade_id (nbgrader only per notebook), so a grade_id may be used in one
 * notebook of a module only. Repeats within one notebook are the metadata rule's.
 */
final class ModuleGradeIds {
  private ModuleGradeIds() {}

  private record FirstUse(ModuleNotebook notebook, int cellIndex) {}

  static List<Finding> check(List<ModuleNotebook> notebooks) {
    Map<String, FirstUse> firstUses = new HashMap<>();
    List<Finding> findings = new ArrayList<>();
    for (ModuleNotebook notebook : notebooks) {
      List<Cell> cells = notebook.notebook().cells();
      for (int i = 0; i < cells.size(); i++) {
        Cell cell = cells.get(i);
        String id = GradingFlags.gradeId(cell);
        if (id == null
            || id.isEmpty()
            || !(GradingFlags.isChecksummed(cell) || GradingFlags.isTask(cell))) {
          continue;
        }
        FirstUse first = firstUses.putIfAbsent(id, new FirstUse(notebook, i));
        if (first != null && first.notebook() != notebook) {
          findings.add(
              Finding.error(
                  notebook.file(),
                  i,
                  id,
                  null,
                  "grade_id '"
                      + id
                      + "' is also used in "
                      + first.notebook().file()
                      + " (cell "
                      + first.cellIndex()
                      + "); grade_ids must be unique across the module"));
        }
      }
    }
    return findings;
  }
}
