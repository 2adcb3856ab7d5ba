package dev.tito.notebook.export;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.ipynb.PythonFloat;
import java.util.List;

/**
 * A Canvas gradebook import: Canvas's own export columns, a "Points Possible" row, one column per
 * module. tito's student id is the Canvas login (SIS Login ID); Canvas matches rows on it. A grade that still waits
 * for a person is left empty (Canvas imports no change for it), never sent as a final score: Canvas would make any
 * extra column a new assignment, so there is no room for a flag.
 */
public final class CanvasCsv {
  private CanvasCsv() {}

  public static String render(List<ModuleGrades> modules) {
    StringBuilder csv = new StringBuilder("Student,ID,SIS User ID,SIS Login ID,Section");
    modules.forEach(m -> csv.append(',').append(CsvField.quote(m.module())));
    csv.append("\nPoints Possible,,,,");
    modules.forEach(
        m ->
            csv.append(',')
                .append(
                    PythonFloat.repr(
                        m.results().stream()
                            .mapToDouble(GradingResult::maxScore)
                            .max()
                            .orElse(0))));
    csv.append('\n');
    for (String student : Students.of(modules)) {
      csv.append(CsvField.quote(student)).append(",,,").append(CsvField.quote(student)).append(',');
      for (ModuleGrades module : modules) {
        GradingResult result = Students.result(module, student);
        csv.append(',')
            .append(
                result == null || result.needsManualGrade()
                    ? ""
                    : PythonFloat.repr(result.score()));
      }
      csv.append('\n');
    }
    return csv.toString();
  }
}
