package dev.tito.notebook.export;

import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.SubmissionTimestamp;
import dev.tito.notebook.ipynb.PythonFloat;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * nbgrader's {@code CsvExportPlugin} output, byte for byte: its header, Python float formatting, UTC
 * times as {@code str(datetime)}, and (as nbgrader) no quoting. tito keeps no names or e-mails, so
 * those columns are empty.
 */
public final class NbgraderCsv {
  public static final String HEADER =
      "assignment,duedate,timestamp,student_id,last_name,first_name,email,raw_score,late_submission_penalty,score,max_score";

  private NbgraderCsv() {}

  /** Rows for every module and every student graded in any of them or on a roster (0.0 where one has no submission). */
  public static String render(List<ModuleGrades> modules) {
    List<String> students = Students.of(modules);
    List<ModuleGrades> ordered = new ArrayList<>(modules);
    ordered.sort(
        Comparator.comparing(
                (ModuleGrades m) -> due(m.duedate()),
                Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ModuleGrades::module));
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (ModuleGrades module : ordered) {
      LocalDateTime due = due(module.duedate());
      String dueText = due == null ? "" : SubmissionTimestamp.format(due);
      double max = module.results().stream().mapToDouble(GradingResult::maxScore).max().orElse(0);
      for (String student : students) {
        GradingResult result =
            module.results().stream()
                .filter(r -> r.student().equals(student))
                .findFirst()
                .orElse(null);
        csv.append(module.module()).append(',').append(dueText).append(',');
        if (result == null) {
          csv.append(',')
              .append(student)
              .append(",,,,0.0,0.0,0.0,")
              .append(PythonFloat.repr(max))
              .append('\n');
          continue;
        }
        csv.append(result.timestamp() == null ? "" : result.timestamp())
            .append(',')
            .append(student)
            .append(",,,,")
            .append(PythonFloat.repr(result.rawScore()))
            .append(',')
            .append(PythonFloat.repr(result.latePenalty()))
            .append(',')
            .append(PythonFloat.repr(result.score()))
            .append(',')
            .append(PythonFloat.repr(result.maxScore()))
            .append('\n');
      }
    }
    return csv.toString();
  }

  private static LocalDateTime due(String duedate) {
    return duedate == null || duedate.isBlank() ? null : SubmissionTimestamp.parseUtc(duedate);
  }
}
