package dev.tito.notebook.ipynb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NotebookWriterTest {
  @Test
  void encodesEscapesAndSplitsLinesAsNbformatWrites() {
    String source =
        "caf\u00e9 \u20ac \uD83D\uDE00\ttab\u0001ctl \"q\" \\\\ back\r\nline2\rline3\u2028line4\n";
    String json =
        "{\"cells\": [{\"cell_type\": \"markdown\", \"id\": \"952936d2\", \"metadata\": {}, \"source\": "
            + "\""
            + source
                .replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\t", "\\t")
                .replace("\u0001", "\\u0001")
                .replace("\r", "\\r")
                .replace("\n", "\\n")
            + "\"}], "
            + "\"metadata\": {\"k\u00e9y\": \"x\u007f\\u001f\"}, \"nbformat\": 4, \"nbformat_minor\": 5}";
    Notebook notebook = NotebookReader.parse(json.getBytes(StandardCharsets.UTF_8), "test.ipynb");

    // what nbformat 5.5's writer produced for the same notebook
    String expected =
        "{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"id\": \"952936d2\",\n"
            + "   \"metadata\": {},\n   \"source\": [\n"
            + "    \"caf\u00e9 \u20ac \uD83D\uDE00\\ttab\\u0001ctl \\\"q\\\" \\\\\\\\ back\\r\\n\",\n"
            + "    \"line2\\r\",\n    \"line3\u2028\",\n    \"line4\\n\"\n   ]\n  }\n ],\n"
            + " \"metadata\": {\n  \"k\u00e9y\": \"x\u007f\\u001f\"\n },\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";
    assertThat(new String(NotebookWriter.toBytes(notebook), StandardCharsets.UTF_8))
        .isEqualTo(expected);
    assertThat(NotebookWriter.toBytes(notebook))
        .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
  }
}
