package dev.tito.notebook.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;

/**
 * A Gradescope autograder {@code results.json} for one submission: one test per graded cell; hidden
 * tests are only shown once grades are published ({@code after_published}).
 */
public final class GradescopeResults {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GradescopeResults() {}

  public static String render(GradingResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("score", result.score());
    long millis = result.notebooks().stream().mapToLong(n -> n.timings().executeMillis()).sum();
    root.put("execution_time", millis / 1000.0);
    root.put("visibility", "visible");
    if (result.latePenalty() > 0) {
      root.put("output", "Late submission penalty: " + result.latePenalty());
    }
    ArrayNode tests = root.putArray("tests");
    for (NotebookGrade notebook : result.notebooks()) {
      for (TestResult test : notebook.tests()) {
        ObjectNode entry = tests.addObject();
        entry.put("name", notebook.name() + ": " + test.gradeId());
        entry.put("score", test.score());
        entry.put("max_score", test.maxScore());
        entry.put("status", test.status() == TestStatus.PASSED ? "passed" : "failed");
        entry.put("output", test.message());
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
