package dev.tito.notebook.feedback;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.json;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import dev.tito.notebook.ipynb.Notebook;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedbackPageTest {
  @Test
  void showsTheScoresAndTheStudentsViewOnly() {
    ObjectNode hidden = tests(code("assert f() == 1\n### BEGIN HIDDEN TESTS\nassert f(2) == 'secret'\n### END HIDDEN TESTS"),
        "check", 2);
    hidden.withArray("outputs").add(json("{\"output_type\": \"error\", \"ename\": \"AssertionError\", \"evalue\": \"\", "
        + "\"traceback\": [\"assert f(2) == 'secret'\"]}"));
    ObjectNode student = code("print('<script>alert(1)</script>')");
    student.withArray("outputs").add(json("{\"output_type\": \"display_data\", \"metadata\": {}, \"data\": "
        + "{\"text/html\": \"<script>alert(1)</script>\", \"text/plain\": \"<b>hi</b>\"}}"));
    Notebook autograded = notebook(student, hidden);
    NotebookGrade grade = new NotebookGrade("p1", true, "ok", "", 0.5, 2.0, 0.25, false,
        List.of(new TestResult("check", TestKind.AUTOGRADED_TEST, "code", 0.5, 0.5, 2.0, TestStatus.PARTIAL, false,
            true, "partial credit: 0.5 of 2.0")), Map.of(), List.of(), new Timings(0, 0, 0));
    String page = FeedbackPage.render(autograded, grade);
    assertThat(page).contains("<h1>p1 (Score: 0.25 / 2.0)</h1>", "Score: 0.5 / 2.0", "assert f() == 1",
        "Late submission penalty (Score: -0.25)", "AssertionError: ", "&lt;b&gt;hi&lt;/b&gt;");
    assertThat(page).doesNotContain("secret", "HIDDEN TESTS", "<script>");
  }

  @Test
  void roundsScoresAsNbgradersTemplate() {
    assertThat(FeedbackPage.score(10)).isEqualTo("10.0");
    assertThat(FeedbackPage.score(1.0 / 3)).isEqualTo("0.33");
  }
}
