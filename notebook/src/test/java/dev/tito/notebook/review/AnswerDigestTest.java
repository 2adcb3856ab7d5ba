package dev.tito.notebook.review;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.markdown;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static dev.tito.notebook.testing.TestNotebooks.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.gradebook.ReleaseGradebook.GradeCell;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.Notebook;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AnswerDigestTest {
  private static final NotebookRows ROWS =
      new NotebookRows(
          new TreeMap<>(
              Map.of(
                  "test-f", new GradeCell("code", 1.0), "essay", new GradeCell("markdown", 2.0))),
          "{}",
          List.of("f", "essay"),
          new TreeMap<>(),
          new TreeMap<>(Map.of("task", new GradeCell("markdown", 1.0))));

  private static Notebook submission(String code, String essay) {
    return notebook(
        solution(code(code), "f"),
        tests(code("assert f() == 1"), "test-f", 1),
        with(
            markdown(essay),
            "{\"schema_version\": 3, \"grade\": true, \"solution\": true, \"locked\": false, "
                + "\"grade_id\": \"essay\", \"points\": 2}"),
        with(
            markdown("Plot it"),
            "{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"task\": true, "
                + "\"locked\": true, \"grade_id\": \"task\", \"points\": 1}"));
  }

  @Test
  void aWrittenAnswersDigestChangesWithItsOwnTextOnly() {
    Map<String, String> before = AnswerDigest.of(submission("def f(): return 1", "Because."), ROWS);
    Map<String, String> otherCode =
        AnswerDigest.of(submission("def f(): return 2", "Because."), ROWS);
    Map<String, String> otherEssay =
        AnswerDigest.of(submission("def f(): return 1", "Since."), ROWS);

    assertThat(before.keySet()).containsExactly("essay", "test-f", "task");
    assertThat(otherCode.get("essay")).isEqualTo(before.get("essay"));
    assertThat(otherEssay.get("essay")).isNotEqualTo(before.get("essay")).startsWith("sha256:");
  }

  @Test
  void aTestsOrATasksDigestChangesWithAnyAnswerOfTheNotebook() {
    Map<String, String> before = AnswerDigest.of(submission("def f(): return 1", "Because."), ROWS);
    Map<String, String> otherCode =
        AnswerDigest.of(submission("def f(): return 2", "Because."), ROWS);
    Map<String, String> otherEssay =
        AnswerDigest.of(submission("def f(): return 1", "Since."), ROWS);

    assertThat(otherCode.get("test-f")).isNotEqualTo(before.get("test-f"));
    assertThat(otherEssay.get("test-f")).isNotEqualTo(before.get("test-f"));
    assertThat(otherCode.get("task")).isNotEqualTo(before.get("task"));
  }

  @Test
  void aDeletedAnswerOrANotebookNotHandedInHasNoAnswer() {
    Notebook withoutEssay =
        notebook(
            solution(code("def f(): return 1"), "f"), tests(code("assert f() == 1"), "test-f", 1));

    assertThat(AnswerDigest.of(withoutEssay, ROWS).get("essay")).isEqualTo(AnswerDigest.ABSENT);
    assertThat(AnswerDigest.of(null, ROWS).get("essay")).isEqualTo(AnswerDigest.ABSENT);
    assertThat(AnswerDigest.of(null, ROWS).get("test-f"))
        .isEqualTo(AnswerDigest.of(null, ROWS).get("task"));
  }
}
