package dev.tito.console.gradebook;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.export.ModuleGrades;
import dev.tito.notebook.feedback.FeedbackPage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Modules × students, as the gradebook page shows them: each student's score per module with what is notable about
 * it (late, waiting for a person, failed, missing), their total, and per module how many are graded and waiting.
 */
public record Gradebook(List<Column> modules, List<Row> students) {

  /** A module's column: its points and how its class is doing. */
  public record Column(
      String module, String maxScore, int graded, int pending, int late, int failed, String mean) {}

  /** A student's row: an entry per module, in the columns' order, and their total. */
  public record Row(
      String student, List<Entry> entries, String total, String maxTotal, int pending) {}

  /**
   * One student in one module.
   *
   * @param score the score as shown, or "" when there is no graded result
   * @param failure why grading gave nothing (a failure class and message), or null
   */
  public record Entry(
      String module,
      String score,
      String maxScore,
      boolean late,
      boolean pending,
      String failure,
      boolean graded) {

    /** The CSS class of the gradebook cell: the most pressing of its states. */
    public String state() {
      if (failure != null) {
        return "failed";
      }
      if (!graded) {
        return "missing";
      }
      return pending ? "pending" : late ? "late" : "graded";
    }
  }

  /**
   * @param failures per module, per student, why their latest hand-in could not be graded (a cluster's Failed
   *     Submission newer than any graded one, or a local run that failed); may be empty
   */
  public static Gradebook of(
      List<ModuleGrades> modules, Map<String, Map<String, String>> failures) {
    TreeSet<String> everyone = new TreeSet<>();
    List<Map<String, GradingResult>> byStudent = new ArrayList<>();
    for (ModuleGrades module : modules) {
      Map<String, GradingResult> results = new HashMap<>();
      module.results().forEach(r -> results.put(r.student(), r));
      byStudent.add(results);
      everyone.addAll(results.keySet());
      everyone.addAll(module.roster());
      everyone.addAll(failures.getOrDefault(module.module(), Map.of()).keySet());
    }
    List<Row> rows = new ArrayList<>(everyone.size());
    for (String student : everyone) {
      rows.add(row(student, modules, byStudent, failures));
    }
    List<Column> columns = new ArrayList<>(modules.size());
    for (int i = 0; i < modules.size(); i++) {
      columns.add(column(modules.get(i), byStudent.get(i).values(), i, rows));
    }
    return new Gradebook(columns, rows);
  }

  private static Row row(
      String student,
      List<ModuleGrades> modules,
      List<Map<String, GradingResult>> byStudent,
      Map<String, Map<String, String>> failures) {
    List<Entry> entries = new ArrayList<>(modules.size());
    double total = 0;
    double max = 0;
    int pending = 0;
    for (int i = 0; i < modules.size(); i++) {
      String module = modules.get(i).module();
      GradingResult result = byStudent.get(i).get(student);
      String failure = failures.getOrDefault(module, Map.of()).get(student);
      if (result == null) {
        entries.add(new Entry(module, "", "", false, false, failure, false));
        continue;
      }
      if (failure == null && !"ok".equals(result.failure())) {
        failure = result.failure();
      }
      total += result.score();
      max += result.maxScore();
      pending += result.needsManualGrade() ? 1 : 0;
      entries.add(
          new Entry(
              module,
              FeedbackPage.score(result.score()),
              FeedbackPage.score(result.maxScore()),
              result.secondsLate() > 0,
              result.needsManualGrade(),
              failure,
              true));
    }
    return new Row(student, entries, FeedbackPage.score(total), FeedbackPage.score(max), pending);
  }

  private static Column column(
      ModuleGrades module, java.util.Collection<GradingResult> results, int index, List<Row> rows) {
    double max = results.stream().mapToDouble(GradingResult::maxScore).max().orElse(0);
    int late = (int) results.stream().filter(r -> r.secondsLate() > 0).count();
    int pending = (int) results.stream().filter(GradingResult::needsManualGrade).count();
    int failed = (int) rows.stream().filter(r -> r.entries().get(index).failure() != null).count();
    String mean =
        results.isEmpty()
            ? ""
            : FeedbackPage.score(
                results.stream().mapToDouble(GradingResult::score).average().orElse(0));
    return new Column(
        module.module(), FeedbackPage.score(max), results.size(), pending, late, failed, mean);
  }
}
