package dev.tito.notebook.export;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.ipynb.PythonFloat;
import java.util.List;
import java.util.stream.Stream;

/** The students across modules, and a student's final score in a module (empty when not graded). */
public final class Students {
  private Students() {}

  static List<String> of(List<ModuleGrades> modules) {
    return modules.stream()
        .flatMap(
            m ->
                Stream.concat(
                    m.results().stream().map(GradingResult::student), m.roster().stream()))
        .distinct()
        .sorted()
        .toList();
  }

  static GradingResult result(ModuleGrades module, String student) {
    return module.results().stream()
        .filter(r -> r.student().equals(student))
        .findFirst()
        .orElse(null);
  }

  static String score(ModuleGrades module, String student) {
    GradingResult result = result(module, student);
    return result == null ? "" : PythonFloat.repr(result.score());
  }

  /** One line for a result that still waits for a person: {@code 2.0 of 5.0 points wait for manual grading}. */
  public static String pendingNote(GradingResult result) {
    return PythonFloat.repr(result.pendingPoints())
        + " of "
        + PythonFloat.repr(result.maxScore())
        + " points wait for manual grading";
  }
}
