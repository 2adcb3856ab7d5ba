package dev.tito.notebook.autograde;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Notebook;
import org.junit.jupiter.api.Test;

class LimitOutputTest {
  @Test
  void keepsAThousandLinesAndAShortenedTraceback() {
    ObjectNode cell = code("for i in range(5000): print(i)");
    ObjectNode stream =
        cell.withArray("outputs").addObject().put("output_type", "stream").put("name", "stdout");
    stream.put("text", "x\n".repeat(1500));
    cell.withArray("outputs")
        .addObject()
        .put("output_type", "stream")
        .put("name", "stdout")
        .put("text", "later\n");
    ObjectNode error = cell.withArray("outputs").addObject().put("output_type", "error");
    for (int i = 0; i < 150; i++) {
      error.withArray("traceback").add("frame " + i);
    }
    Notebook executed = notebook(cell);
    LimitOutput.apply(executed);
    var outputs = executed.cells().get(0).outputs();
    assertThat(outputs).hasSize(2);
    String[] lines = outputs.get(0).path("text").asText().split("\n", -1);
    assertThat(lines).hasSize(1000);
    assertThat(lines[999]).isEqualTo("... Output truncated ...");
    assertThat(outputs.get(1).path("traceback")).hasSize(100);
    assertThat(outputs.get(1).path("traceback").get(50).asText())
        .isEqualTo("... Traceback truncated ...");
    assertThat(outputs.get(1).path("traceback").get(99).asText()).isEqualTo("frame 149");
  }
}
