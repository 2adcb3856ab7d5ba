package dev.tito.notebook.export;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.ipynb.PythonFloat;
import java.util.List;

/**
 * A Canvas gradebook import: Canvas's own export columns, a "Points Possible" row, one column per
 * module. tito's student id is the Canvas login (SIS Login ID); Canvas matches rows on it.
 */
public final class CanvasCsv {
  private CanvasCsv() {}

  public static String render(List<ModuleGrades> modules) {
    StringBuilder csv = new StringBuilder("Student,ID,SIS User ID,SIS Login ID,Section");
    modules.forEach(m -> csv.append(',').append(CsvField.quote(m.module())));
    csv.append("\nPoints Possible,,,,");
    modules.forEach(m -> csv.append(',').append(PythonFloat.repr(
        m.results().stream().mapToDouble(GradingResult::maxScore).max().orElse(0))));
    csv.append('\n');
    for (String student : Students.of(modules)) {
      csv.append(CsvField.quote(student)).append(",,,").append(CsvField.quote(student)).append(',');
      for (ModuleGrades module : modules) {
        csv.append(',').append(Students.score(module, student));
      }
      csv.append('\n');
    }
    return csv.toString();
  }
}
