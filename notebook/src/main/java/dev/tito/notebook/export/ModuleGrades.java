package dev.tito.notebook.export;

import dev.tito.notebook.autograde.GradingResult;
import java.util.List;

/**
 * A module's graded submissions, as exports read them.
 *
 * @param duedate the release's due date text (any form {@code SubmissionTimestamp} reads), or null
 * @param roster students to list even without a result (exported as missing), beside those graded
 */
public record ModuleGrades(
    String module, String duedate, List<GradingResult> results, List<String> roster) {
  public ModuleGrades(String module, String duedate, List<GradingResult> results) {
    this(module, duedate, results, List.of());
  }
}
