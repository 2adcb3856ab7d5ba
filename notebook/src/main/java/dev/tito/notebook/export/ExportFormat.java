package dev.tito.notebook.export;

import dev.tito.notebook.autograde.GradingResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The formats {@code tito grades export} writes, and what each makes of a course's grades. */
public enum ExportFormat {
  csv("grades.csv"),
  canvas("grades-canvas.csv"),
  moodle("grades-moodle.csv"),
  gradescope("gradescope");

  private final String defaultName;

  ExportFormat(String defaultName) {
    this.defaultName = defaultName;
  }

  /** The file (or, for gradescope, folder) written when no output is named. */
  public String defaultName() {
    return defaultName;
  }

  /** The export's files by path: one file, or for gradescope {@code <module>/<student>/results.json} per result. */
  public Map<String, String> files(List<ModuleGrades> grades) {
    Map<String, String> files = new LinkedHashMap<>();
    switch (this) {
      case csv -> files.put(defaultName, NbgraderCsv.render(grades));
      case canvas -> files.put(defaultName, CanvasCsv.render(grades));
      case moodle -> files.put(defaultName, MoodleCsv.render(grades));
      case gradescope -> {
        for (ModuleGrades module : grades) {
          for (GradingResult result : module.results()) {
            files.put(
                module.module() + "/" + result.student() + "/results.json",
                GradescopeResults.render(result));
          }
        }
      }
      default -> throw new IllegalStateException(name());
    }
    return files;
  }
}
