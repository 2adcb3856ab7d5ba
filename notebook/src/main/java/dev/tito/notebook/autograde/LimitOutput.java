package dev.tito.notebook.autograde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import java.util.Arrays;
import java.util.List;

/** nbgrader's LimitOutput: a runaway print loop cannot blow up the autograded notebook or the feedback. */
final class LimitOutput {
  static final int MAX_LINES = 1000;
  static final int MAX_TRACEBACK = 100;

  private LimitOutput() {}

  static void apply(Notebook executed) {
    for (Cell cell : executed.cells()) {
      if (!cell.isCode()) {
        continue;
      }
      ArrayNode kept = JsonNodeFactory.instance.arrayNode();
      int lines = 0;
      for (JsonNode output : cell.outputs()) {
        String type = output.path("output_type").asText();
        if ("stream".equals(type)) {
          if (lines >= MAX_LINES) {
            continue;
          }
          List<String> text = Arrays.asList(output.path("text").asText().split("\n", -1));
          if (lines + text.size() > MAX_LINES) {
            text = new java.util.ArrayList<>(text.subList(0, Math.max(0, MAX_LINES - lines - 1)));
            text.add("... Output truncated ...");
          }
          lines += text.size();
          ((ObjectNode) output).put("text", String.join("\n", text));
        } else if ("error".equals(type)) {
          truncateTraceback((ObjectNode) output);
        }
        kept.add(output);
      }
      cell.node().set("outputs", kept);
    }
  }

  private static void truncateTraceback(ObjectNode error) {
    JsonNode traceback = error.get("traceback");
    if (traceback == null || !traceback.isArray() || traceback.size() <= MAX_TRACEBACK) {
      return;
    }
    ArrayNode shortened = JsonNodeFactory.instance.arrayNode();
    int head = MAX_TRACEBACK / 2;
    for (int i = 0; i < head; i++) {
      shortened.add(traceback.get(i));
    }
    shortened.add("... Traceback truncated ...");
    for (int i = traceback.size() - (head - 1); i < traceback.size(); i++) {
      shortened.add(traceback.get(i));
    }
    error.set("traceback", shortened);
  }
}
