package dev.tito.notebook.execute;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What a grading run handed back, checked as untrusted input (student code ran beside it): exactly one
 * nbformat 4 notebook with the cells that were sent, same sources and types, in the same order. Outputs are
 * the run's to decide; a {@code MemoryError} in any of them makes the run out of memory.
 */
public final class ExecutedNotebook {
  /** Student output makes the executed notebook: a local run refuses more than this (the worker stops reading). */
  static final int MAX_BYTES = 256 << 20;

  private static final ObjectMapper STRICT =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                  .build())
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private ExecutedNotebook() {}

  /** @param sent the sanitised notebook the run was given */
  public static ExecutionOutcome check(byte[] bytes, Notebook sent, Duration elapsed) {
    Notebook executed;
    try {
      JsonNode tree = STRICT.readTree(bytes);
      executed = NotebookReader.fromTree(tree, "executed notebook");
    } catch (IOException | NotebookFormatException e) {
      return ExecutionOutcome.failed(
          FailureClass.INVALID_NOTEBOOK,
          "the grading run returned an unreadable notebook (was its output tampered with?)",
          elapsed);
    }
    List<Cell> before = sent.cells();
    List<Cell> after = executed.cells();
    boolean same = before.size() == after.size();
    for (int i = 0; same && i < before.size(); i++) {
      same =
          before.get(i).source().equals(after.get(i).source())
              && before.get(i).type().equals(after.get(i).type());
    }
    if (!same) {
      return ExecutionOutcome.failed(
          FailureClass.INVALID_NOTEBOOK,
          "the grading run returned cells different from the ones it was given",
          elapsed);
    }
    boolean outOfMemory =
        after.stream()
            .filter(Cell::isCode)
            .flatMap(c -> stream(c.outputs()))
            .anyMatch(
                o ->
                    "error".equals(o.path("output_type").asText())
                        && "MemoryError".equals(o.path("ename").asText()));
    Map<Integer, List<String>> tampering = tampering(executed);
    return (outOfMemory
            ? new ExecutionOutcome(
                executed,
                FailureClass.OUT_OF_MEMORY,
                "a cell ran out of memory (MemoryError)",
                elapsed)
            : new ExecutionOutcome(executed, FailureClass.OK, "", elapsed))
        .withTampering(tampering);
  }

  /**
   * What the grading worker's guard found around each test cell ({@code metadata.tito.tampering}: cell index to
   * evidence), taken out of the notebook, which keeps nbconvert's shape. The worker always writes the key, so a
   * student's own {@code tito} metadata never gets here from a run tito trusts.
   */
  private static Map<Integer, List<String>> tampering(Notebook executed) {
    JsonNode tito = executed.metadata().remove("tito");
    Map<Integer, List<String>> found = new TreeMap<>();
    if (tito != null) {
      tito.path("tampering")
          .fields()
          .forEachRemaining(
              cell -> {
                if (cell.getKey().matches("\\d{1,9}") && cell.getValue().isArray()) {
                  found.put(
                      Integer.parseInt(cell.getKey()),
                      stream(cell.getValue()).map(JsonNode::asText).toList());
                }
              });
    }
    return found;
  }

  private static Stream<JsonNode> stream(Iterable<JsonNode> nodes) {
    return StreamSupport.stream(nodes.spliterator(), false);
  }
}
