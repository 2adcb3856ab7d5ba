package dev.tito.console.pictures;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.export.ModuleGrades;
import dev.tito.notebook.feedback.FeedbackPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a module's scores are spread: the students' totals in ten bands, and per graded cell who got what. */
public final class Distributions {
  static final int BANDS = 10;

  /** One graded cell's outcome across the class: full marks, some, none, waiting for a person. */
  public record CellOutcomes(
      String notebook,
      String gradeId,
      String maxScore,
      int full,
      int partial,
      int zero,
      int waiting) {

    public int total() {
      return full + partial + zero + waiting;
    }
  }

  private Distributions() {}

  /** The module's totals in ten equal bands of its points (the last band includes full marks). */
  public static List<Svg.Bar> totals(ModuleGrades module) {
    double max = module.results().stream().mapToDouble(GradingResult::maxScore).max().orElse(0);
    int[] counts = new int[BANDS];
    for (GradingResult result : module.results()) {
      int band = max <= 0 ? 0 : (int) Math.floor(result.score() / max * BANDS);
      counts[Math.max(0, Math.min(BANDS - 1, band))]++;
    }
    List<Svg.Bar> bars = new ArrayList<>();
    for (int i = 0; i < BANDS; i++) {
      bars.add(new Svg.Bar(FeedbackPage.score(max * i / BANDS), counts[i], "bar"));
    }
    return bars;
  }

  /** Per graded cell, in the notebooks' order, how the class did on it. */
  public static List<CellOutcomes> cells(ModuleGrades module) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, Double> maxima = new LinkedHashMap<>();
    for (GradingResult result : module.results()) {
      for (NotebookGrade notebook : result.notebooks()) {
        for (TestResult test : notebook.tests()) {
          String key = notebook.name() + "/" + test.gradeId();
          int[] outcome = counts.computeIfAbsent(key, k -> new int[4]);
          maxima.merge(key, test.maxScore(), Math::max);
          outcome[
              test.needsManualGrade()
                  ? 3
                  : test.score() >= test.maxScore() ? 0 : test.score() > 0 ? 1 : 2]++;
        }
      }
    }
    List<CellOutcomes> cells = new ArrayList<>();
    counts.forEach(
        (key, c) -> {
          String[] parts = key.split("/", 2);
          cells.add(
              new CellOutcomes(
                  parts[0], parts[1], FeedbackPage.score(maxima.get(key)), c[0], c[1], c[2], c[3]));
        });
    return cells;
  }

  /** A cell's outcomes as four bars. */
  public static List<Svg.Bar> bars(CellOutcomes cell) {
    return List.of(
        new Svg.Bar("full", cell.full(), "bar full"),
        new Svg.Bar("some", cell.partial(), "bar partial"),
        new Svg.Bar("none", cell.zero(), "bar zero"),
        new Svg.Bar("waiting", cell.waiting(), "bar waiting"));
  }
}
