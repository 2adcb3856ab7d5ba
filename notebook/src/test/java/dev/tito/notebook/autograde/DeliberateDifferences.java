package dev.tito.notebook.autograde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

/** Corpus cases where nbgrader 0.9.5 crashes and tito grades instead (docs/nbgrader-differences.md). */
final class DeliberateDifferences {
  private static final Map<String, Set<String>> CASES = Map.of(
      "ag-edge-submissions", Set.of("typechanged"),
      "ag-duplicate-grade-id", Set.of("*"),
      "ag-unknown-grade-id", Set.of("*"),
      "ag-partial-credit-exceeds-max", Set.of("*"),
      "ag-unlocked-task-cell", Set.of("*"));

  private DeliberateDifferences() {}

  static boolean covers(String caseId, String student) {
    Set<String> students = CASES.get(caseId);
    return students != null && (students.contains("*") || students.contains(student));
  }

  static void check(String caseId, String student, GradedSubmission graded) {
    GradingResult result = graded.result();
    System.out.println(caseId + "/" + student + ": " + result);
    assertThat(result.failure()).isEqualTo("ok");
  }
}
