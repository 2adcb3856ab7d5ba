package dev.tito.notebook.export;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.ipynb.PythonFloat;
import java.util.List;
import java.util.stream.Stream;

/** The students across modules, and a student's final score in a module (empty when not graded). */
final class Students {
  private Students() {}

  static List<String> of(List<ModuleGrades> modules) {
    return modules.stream().flatMap(m -> Stream.concat(m.results().stream().map(GradingResult::student), m.roster().stream()))
        .distinct().sorted().toList();
  }

  static String score(ModuleGrades module, String student) {
    return module.results().stream().filter(r -> r.student().equals(student)).findFirst()
        .map(r -> PythonFloat.repr(r.score())).orElse("");
  }
}
