package dev.tito.notebook.export;

import java.util.List;

/**
 * A Moodle "Import grades from CSV" file: the username to match users on, then one grade column per
 * module (Moodle maps columns to grade items in its import dialog).
 */
public final class MoodleCsv {
  private MoodleCsv() {}

  public static String render(List<ModuleGrades> modules) {
    StringBuilder csv = new StringBuilder("Username");
    modules.forEach(m -> csv.append(',').append(CsvField.quote(m.module())));
    csv.append('\n');
    for (String student : Students.of(modules)) {
      csv.append(CsvField.quote(student));
      for (ModuleGrades module : modules) {
        csv.append(',').append(Students.score(module, student));
      }
      csv.append('\n');
    }
    return csv.toString();
  }
}
