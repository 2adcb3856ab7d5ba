package dev.tito.notebook.jupytext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JupytextReaderTest {
  private static Notebook read(String text) {
    return JupytextReader.parse(text, "m.py");
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = JupytextReaderTest.class.getResourceAsStream("/jupytext/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void tinyTorchStyleModuleGivesTheExpectedNotebookByteForByte() throws IOException {
    Notebook notebook = JupytextReader.parse(resource("tinytorch_style.py"), "tinytorch_style.py");

    assertThat(NotebookWriter.toJson(notebook))
        .isEqualTo(new String(resource("tinytorch_style.ipynb"), StandardCharsets.UTF_8));
  }

  @Test
  void headerBecomesNotebookMetadataWithoutTheTextRepresentation() {
    Notebook notebook =
        read(
            "# ---\n# jupyter:\n#   jupytext:\n#     formats: ipynb,py:percent\n"
                + "#     text_representation:\n#       format_name: percent\n#   kernelspec:\n#     name: python3\n"
                + "#     language: python\n# ---\n\n# %%\nx = 1\n");

    assertThat(notebook.metadata().toString())
        .isEqualTo(
            "{\"jupytext\":{\"formats\":\"ipynb,py:percent\"},"
                + "\"kernelspec\":{\"name\":\"python3\",\"language\":\"python\"}}");
    assertThat(notebook.cells()).extracting(Cell::source).containsExactly("x = 1");
    assertThat(notebook.nbformat()).isEqualTo(4);
    assertThat(notebook.nbformatMinor()).isEqualTo(5);
  }

  @Test
  void withoutHeaderRecordsMetadataFiltersAndMainLanguageAsJupytextDoes() {
    Notebook notebook = read("# %% tags=[\"a\"]\nx = 1\n\n# %% [markdown]\n# Hi\n");

    assertThat(notebook.metadata().toString())
        .isEqualTo(
            "{\"jupytext\":{\"main_language\":\"python\","
                + "\"notebook_metadata_filter\":\"-all\",\"cell_metadata_filter\":\"tags,-all\"}}");
  }

  @Test
  void otherRootKeysOfTheHeaderBecomeARawFirstCell() {
    Notebook notebook = read("# ---\n# title: Tensors\n# ---\n\n# %%\nx = 1\n");

    assertThat(notebook.cells().get(0).type()).isEqualTo("raw");
    assertThat(notebook.cells().get(0).source()).isEqualTo("---\ntitle: Tensors\n---");
  }

  @Test
  void markdownCellsAreUncommentedOrUnquoted() {
    Notebook notebook =
        read(
            "# %% [markdown]\n# # Title\n#\n# text\n\n# %% [markdown]\n\"\"\"\n## Quoted\n"
                + "  indented\n\"\"\"\n\n# %% [md]\n#text\n");

    List<Cell> cells = notebook.cells();
    assertThat(cells).extracting(Cell::type).containsExactly("markdown", "markdown", "markdown");
    assertThat(cells)
        .extracting(Cell::source)
        .containsExactly("# Title\n\ntext", "## Quoted\n  indented", "text");
    assertThat(cells.get(1).metadata().path("cell_marker").asText()).isEqualTo("\"\"\"");
    assertThat(cells.get(2).metadata().path("region_name").asText()).isEqualTo("md");
  }

  @Test
  void blankLinesBeforeTheNextMarkerAreSeparatorsNotSource() {
    Notebook notebook = read("# %%\na = 1\n\n# %%\nb = 2\n\n\n# %%\nc = 3\n# %%\nd = 4\n");

    assertThat(notebook.cells())
        .extracting(Cell::source)
        .containsExactly("a = 1", "b = 2", "c = 3", "d = 4");
    assertThat(notebook.cells())
        .extracting(cell -> cell.metadata().path("lines_to_next_cell").asInt(-1))
        .containsExactly(-1, 2, 0, -1);
  }

  @Test
  void blankLinesInsideACellStay() {
    Notebook notebook = read("# %%\na = 1\n\n\n\nb = 2\n");

    assertThat(notebook.cells()).extracting(Cell::source).containsExactly("a = 1\n\n\n\nb = 2");
  }

  @Test
  void metadataInKeyValueAndJsonForms() {
    Notebook notebook =
        read(
            "# %% nbgrader={\"grade\": true, \"points\": 1.5} tags=[\"x\"]\nx\n\n"
                + "# %% Title {\"nbgrader\": {\"solution\": true}}\ny\n\n# %% active=\"py\"\nz\n");

    List<Cell> cells = notebook.cells();
    ObjectNode first = cells.get(0).nbgrader();
    assertThat(first.path("grade").asBoolean()).isTrue();
    assertThat(first.path("points").asDouble()).isEqualTo(1.5);
    assertThat(cells.get(0).metadata().path("tags").get(0).asText()).isEqualTo("x");
    assertThat(cells.get(1).metadata().path("title").asText()).isEqualTo("Title");
    assertThat(cells.get(1).nbgrader().path("solution").asBoolean()).isTrue();
    assertThat(cells.get(2).type()).isEqualTo("raw");
    assertThat(notebook.metadata().path("jupytext").path("cell_metadata_json").asBoolean())
        .isTrue();
  }

  @Test
  void commentedMagicsAreRestoredButOrdinaryCommentsAreNot() {
    Notebook notebook = read("# %%\n# %matplotlib inline\n# !pip list\n# a plain comment\nx = 1\n");

    assertThat(notebook.cells().get(0).source())
        .isEqualTo("%matplotlib inline\n!pip list\n# a plain comment\nx = 1");
  }

  @Test
  void codeBeforeTheFirstMarkerIsACell() {
    Notebook notebook = read("import os\n\n# %%\nx = 1\n");

    assertThat(notebook.cells()).extracting(Cell::source).containsExactly("import os", "x = 1");
  }

  @Test
  void cellIdsAreStableAndUnique() {
    String text = "# %%\nx = 1\n\n# %%\nx = 1\n";

    List<String> ids = read(text).cells().stream().map(Cell::id).toList();
    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f]{8}"));
    assertThat(read(text).cells().stream().map(Cell::id).toList()).isEqualTo(ids);
  }

  @Test
  void windowsLineEndingsAndAByteOrderMarkReadAsUnixText() {
    Notebook notebook =
        read(
            "\uFEFF# ---\r\n# jupyter:\r\n#   kernelspec:\r\n#     name: python3\r\n# ---\r\n\r\n"
                + "# %%\r\nx = 1\r\ny = 2\r\n");

    assertThat(notebook.metadata().path("kernelspec").path("name").asText()).isEqualTo("python3");
    assertThat(notebook.cells()).extracting(Cell::source).containsExactly("x = 1\ny = 2");
  }

  @Test
  void aFileWithoutMarkersIsRejected() {
    assertThatThrownBy(() -> read("import numpy\nprint(1)\n"))
        .isInstanceOf(NotebookFormatException.class)
        .hasMessage("m.py: no '# %%' cell markers: not a jupytext percent notebook");
  }

  @Test
  void invalidMetadataJsonNamesTheFileAndLine() {
    assertThatThrownBy(() -> read("# %%\nx = 1\n\n# %% nbgrader={\"grade\": tru}\ny = 2\n"))
        .isInstanceOf(NotebookFormatException.class)
        .hasMessageStartingWith("m.py: line 4: invalid JSON for cell metadata 'nbgrader'")
        .hasMessageNotContaining("\n");
  }

  @Test
  void invalidYamlHeaderNamesTheFile() {
    assertThatThrownBy(() -> read("# ---\n# jupyter:\n#   kernelspec: [\n# ---\n\n# %%\nx\n"))
        .isInstanceOf(NotebookFormatException.class)
        .hasMessageStartingWith("m.py: invalid YAML header")
        .hasMessageNotContaining("\\n")
        .hasMessageNotContaining("in 'reader'");
  }

  @Test
  void binaryAndNonUtf8BytesAreRejected() {
    assertThatThrownBy(() -> JupytextReader.parse(new byte[] {'#', 0, 1}, "b.py"))
        .hasMessage("b.py: not a jupytext notebook (binary file)");
    assertThatThrownBy(() -> JupytextReader.parse(new byte[] {'#', ' ', (byte) 0xff}, "c.py"))
        .hasMessageStartingWith("c.py: not UTF-8 text");
  }
}
