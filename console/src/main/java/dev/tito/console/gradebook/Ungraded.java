package dev.tito.console.gradebook;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.export.ModuleGrades;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The cells of a module that wait for a person, in grading order, and the one after a given cell (formgrader's "next"). */
public final class Ungraded {
  /** A graded cell of one student's submission. */
  public record Position(String student, String notebook, String gradeId) {}

  private Ungraded() {}

  /** Every cell waiting for a person: students in order, then notebooks and cells as the submission has them. */
  public static List<Position> of(ModuleGrades module) {
    List<Position> waiting = new ArrayList<>();
    module.results().stream()
        .sorted(Comparator.comparing(GradingResult::student))
        .forEach(
            result -> {
              for (NotebookGrade notebook : result.notebooks()) {
                for (TestResult test : notebook.tests()) {
                  if (test.needsManualGrade()) {
                    waiting.add(new Position(result.student(), notebook.name(), test.gradeId()));
                  }
                }
              }
            });
    return waiting;
  }

  /**
   * The first waiting cell after {@code after} (of this student, then of the next ones, then from the start), never
   * {@code after} itself; {@code after} null: the first of all.
   */
  public static Optional<Position> next(ModuleGrades module, Position after) {
    List<Position> waiting = of(module);
    if (after == null) {
      return waiting.stream().findFirst();
    }
    java.util.Set<Position> open = new java.util.HashSet<>(waiting);
    List<Position> all = all(module);
    int from = all.indexOf(after);
    if (from < 0) {
      // a cell not in the module any more: go on from the student's place
      return waiting.stream()
          .filter(p -> p.student().compareTo(after.student()) > 0)
          .findFirst()
          .or(() -> waiting.stream().filter(p -> !p.equals(after)).findFirst());
    }
    for (int i = 1; i <= all.size(); i++) {
      Position candidate = all.get((from + i) % all.size());
      if (!candidate.equals(after) && open.contains(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static List<Position> all(ModuleGrades module) {
    List<Position> all = new ArrayList<>();
    module.results().stream()
        .sorted(Comparator.comparing(GradingResult::student))
        .forEach(
            result ->
                result
                    .notebooks()
                    .forEach(
                        notebook ->
                            notebook
                                .tests()
                                .forEach(
                                    test ->
                                        all.add(
                                            new Position(
                                                result.student(),
                                                notebook.name(),
                                                test.gradeId())))));
    return all;
  }
}
