package dev.tito.notebook.export;

import dev.tito.notebook.autograde.GradingResult;
import java.util.List;

/**
 * A Moodle "Import grades from CSV" file: the username to match users on, then per module a grade column and a
 * feedback column (Moodle maps columns to grade items, and to their feedback, in its import dialog). The grade is the
 * total graded so far; the feedback says how many points still wait for a person, and is empty once none do.
 */
public final class MoodleCsv {
  private MoodleCsv() {}

  public static String render(List<ModuleGrades> modules) {
    StringBuilder csv = new StringBuilder("Username");
    modules.forEach(
        m ->
            csv.append(',')
                .append(CsvField.quote(m.module()))
                .append(',')
                .append(CsvField.quote(m.module() + " feedback")));
    csv.append('\n');
    for (String student : Students.of(modules)) {
      csv.append(CsvField.quote(student));
      for (ModuleGrades module : modules) {
        GradingResult result = Students.result(module, student);
        csv.append(',')
            .append(Students.score(module, student))
            .append(',')
            .append(
                result == null || !result.needsManualGrade()
                    ? ""
                    : CsvField.quote(Students.pendingNote(result)));
      }
      csv.append('\n');
    }
    return csv.toString();
  }
}
