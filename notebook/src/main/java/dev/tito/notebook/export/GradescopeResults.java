package dev.tito.notebook.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A Gradescope autograder {@code results.json} for one submission: one test per graded cell; hidden
 * tests are only shown once grades are published ({@code after_published}). A cell that waits for a person has no
 * status and says so, and so does the submission's output; a person's grade and comment replace the autograder's.
 */
public final class GradescopeResults {
  private static final String WAITS = "waits for manual grading";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GradescopeResults() {}

  /** The autograder's line, or a person's comment; a cell nobody graded yet says so. */
  private static String output(TestResult test) {
    if (test.needsManualGrade()) {
      return WAITS;
    }
    if (test.gradedByPerson()) {
      return "Graded by your instructor" + (test.comment() == null ? "" : ": " + test.comment());
    }
    return test.message();
  }

  public static String render(GradingResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("score", result.score());
    long millis = result.notebooks().stream().mapToLong(n -> n.timings().executeMillis()).sum();
    root.put("execution_time", millis / 1000.0);
    root.put("visibility", "visible");
    List<String> output = new ArrayList<>();
    if (result.latePenalty() > 0) {
      output.add("Late submission penalty: " + result.latePenalty());
    }
    if (result.needsManualGrade()) {
      output.add("Not final: " + Students.pendingNote(result) + ".");
    }
    if (!output.isEmpty()) {
      root.put("output", String.join("\n", output));
    }
    ArrayNode tests = root.putArray("tests");
    for (NotebookGrade notebook : result.notebooks()) {
      for (TestResult test : notebook.tests()) {
        ObjectNode entry = tests.addObject();
        entry.put("name", notebook.name() + ": " + test.gradeId());
        entry.put("score", test.score());
        entry.put("max_score", test.maxScore());
        if (!test.needsManualGrade()) {
          boolean passed =
              test.gradedByPerson()
                  ? test.score() >= test.maxScore()
                  : test.status() == TestStatus.PASSED;
          entry.put("status", passed ? "passed" : "failed");
        }
        entry.put("output", output(test));
        entry.put("visibility", test.hidden() ? "after_published" : "visible");
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
