package dev.tito.notebook.autograde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Corpus cases where nbgrader 0.9.5 crashes (the submission, or the whole run) and tito grades
 * instead; each asserts the behaviour documented in docs/nbgrader-differences.md.
 */
final class DeliberateDifferences {
  private static final Map<String, Set<String>> CASES =
      Map.of(
          "ag-edge-submissions", Set.of("typechanged"),
          "ag-duplicate-grade-id", Set.of("*"),
          "ag-unknown-grade-id", Set.of("*"),
          "ag-partial-credit-exceeds-max", Set.of("*"),
          "ag-unlocked-task-cell", Set.of("*"));

  private static final Map<String, Consumer<GradingResult>> EXPECTED =
      Map.of(
          // the markdown cell is turned back into the recorded code test and runs: same as the
          // plain changed submission
          "ag-edge-submissions",
              r -> {
                assertThat(test(r, "bar").cellType()).isEqualTo("code");
                assertThat(test(r, "bar").autoScore()).isEqualTo(1.0);
                assertThat(r.rawScore()).isEqualTo(2.0);
                assertThat(r.notebooks().get(0).notes())
                    .anyMatch(n -> n.contains("'cell_type' for cell bar"));
              },
          // the last copy of a duplicated grade_id is graded, earlier copies run as ordinary cells
          "ag-duplicate-grade-id",
              r -> {
                assertThat(r.notebooks().get(0).tests())
                    .extracting(TestResult::gradeId)
                    .containsOnlyOnce("foo");
                assertThat(r.rawScore()).isEqualTo(2.0);
                assertThat(r.notebooks().get(0).notes())
                    .anyMatch(n -> n.contains("exists multiple times"));
              },
          // a cell with an id the release does not know runs as an ordinary cell and earns nothing
          "ag-unknown-grade-id",
              r -> {
                assertThat(r.notebooks().get(0).tests())
                    .extracting(TestResult::gradeId)
                    .containsExactly("foo", "bar", "baz", "quux");
                assertThat(r.rawScore()).isEqualTo(2.0);
                assertThat(r.notebooks().get(0).notes())
                    .anyMatch(n -> n.contains("does not exist in the database"));
              },
          // a result above the cell's points counts as the cell's points
          "ag-partial-credit-exceeds-max",
              r -> {
                TestResult over =
                    r.notebooks().get(0).tests().stream()
                        .filter(t -> t.message().contains("is above the cell's"))
                        .findFirst()
                        .orElseThrow();
                assertThat(over.score()).isEqualTo(over.maxScore());
                assertThat(over.status()).isEqualTo(TestStatus.PASSED);
              },
          // an unlocked task cell (no recorded checksum) is a task a person grades; the rest is
          // scored
          "ag-unlocked-task-cell",
              r -> {
                assertThat(test(r, "task_unlocked").status())
                    .isEqualTo(TestStatus.NEEDS_MANUAL_GRADE);
                assertThat(test(r, "grade_locked").autoScore()).isEqualTo(1.0);
                assertThat(test(r, "hidden").hidden()).isTrue();
                assertThat(test(r, "hidden").autoScore()).isEqualTo(0.0);
                assertThat(test(r, "manual_md").message()).isEqualTo("No response.");
              });

  private DeliberateDifferences() {}

  static boolean covers(String caseId, String student) {
    Set<String> students = CASES.get(caseId);
    return students != null && (students.contains("*") || students.contains(student));
  }

  static void check(String caseId, String student, GradedSubmission graded) {
    GradingResult result = graded.result();
    assertThat(result.failure()).as(caseId + "/" + student + " failure").isEqualTo("ok");
    EXPECTED.get(caseId).accept(result);
  }

  private static TestResult test(GradingResult result, String gradeId) {
    return result.notebooks().get(0).tests().stream()
        .filter(t -> t.gradeId().equals(gradeId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no test " + gradeId));
  }
}
