package dev.tito.notebook.autograde;

import java.util.List;

/**
 * Tests whose run student code may have changed (docs/security.md): the kernel's guard found, before or during the
 * test, something it had to undo or could not exclude. Such a test has no automatic score; a person decides, with the
 * evidence in its message.
 */
public final class Tampering {
  /** How the message of such a test begins. */
  public static final String SUSPECTED = "tampering suspected: ";

  private Tampering() {}

  static TestResult suspected(TestResult test, List<String> evidence) {
    return new TestResult(
        test.gradeId(),
        test.kind(),
        test.cellType(),
        0,
        null,
        test.maxScore(),
        TestStatus.NEEDS_MANUAL_GRADE,
        true,
        test.hidden(),
        SUSPECTED + String.join("; ", evidence));
  }

  /** One line per such test of a result: {@code notebook: grade_id: tampering suspected: ...}. */
  public static List<String> of(GradingResult result) {
    return result.notebooks().stream()
        .flatMap(
            n ->
                n.tests().stream()
                    .filter(t -> t.message() != null && t.message().startsWith(SUSPECTED))
                    .map(t -> n.name() + ": " + t.gradeId() + ": " + t.message()))
        .toList();
  }
}
