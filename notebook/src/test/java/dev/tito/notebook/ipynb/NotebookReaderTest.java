package dev.tito.notebook.ipynb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookReaderTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void joinsLineListsAndKeepsUnknownFields() throws IOException {
    Path nb =
        file(
            "a.ipynb",
            "{\"nbformat\": 4, \"nbformat_minor\": 2, \"metadata\": {\"custom\": [1, 2.5]},"
                + " \"cells\": [{\"cell_type\": \"code\", \"source\": [\"a\\n\", \"b\"], \"metadata\": {\"x\": 1},"
                + " \"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"1\\n\", \"2\"]}],"
                + " \"execution_count\": null, \"future\": true}]}");
    Notebook notebook = NotebookReader.read(nb);
    Cell cell = notebook.cells().get(0);
    assertThat(cell.source()).isEqualTo("a\nb");
    assertThat(cell.outputs().get(0).get("text").asText()).isEqualTo("1\n2");
    assertThat(NotebookWriter.toJson(notebook))
        .contains("\"future\": true")
        .contains("\"custom\": [\n   1,\n   2.5\n  ]");
  }

  @Test
  void namesTheFileForMalformedJson() throws IOException {
    Path nb = file("broken.ipynb", "{\"cells\": [");
    assertThatThrownBy(() -> NotebookReader.read(nb))
        .isInstanceOf(NotebookFormatException.class)
        .hasMessageStartingWith(nb + ": not a notebook: invalid JSON at line 1");
  }

  @Test
  void refusesOtherNbformatVersions() throws IOException {
    Path v3 = file("old.ipynb", "{\"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": []}");
    Path v5 = file("new.ipynb", "{\"nbformat\": 5, \"nbformat_minor\": 0, \"cells\": []}");
    assertThatThrownBy(() -> NotebookReader.read(v3))
        .hasMessageStartingWith(v3 + ": nbformat 3 is not supported");
    assertThatThrownBy(() -> NotebookReader.read(v5))
        .hasMessageStartingWith(v5 + ": nbformat 5 is not supported");
  }

  @Test
  void refusesNonNotebooks() throws IOException {
    Path json = file("data.json", "{\"a\": 1}");
    Path binary =
        Files.write(dir.resolve("img.ipynb"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
    assertThatThrownBy(() -> NotebookReader.read(json))
        .hasMessage(json + ": not a notebook: no integer 'nbformat' field");
    assertThatThrownBy(() -> NotebookReader.read(binary))
        .hasMessage(binary + ": not a notebook (binary file)");
    assertThatThrownBy(() -> NotebookReader.read(dir.resolve("missing.ipynb")))
        .hasMessageEndingWith(": no such file");
    assertThatThrownBy(() -> NotebookReader.read(dir))
        .hasMessageEndingWith(": is a directory, not a notebook");
  }

  @Test
  void aZeroByteAnywhereInTheFirst8KbOrUtf16TextIsABinaryFile() throws IOException {
    byte[] json =
        "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [], \"x\": \"?\"}"
            .getBytes(StandardCharsets.UTF_8);
    json[json.length - 3] = 0;
    Path zeroInside = Files.write(dir.resolve("zero.ipynb"), json);
    Path utf16 =
        Files.write(
            dir.resolve("utf16.ipynb"),
            "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": []}"
                .getBytes(StandardCharsets.UTF_16LE));

    assertThatThrownBy(() -> NotebookReader.read(zeroInside))
        .hasMessage(zeroInside + ": not a notebook (binary file)");
    assertThatThrownBy(() -> NotebookReader.read(utf16))
        .hasMessage(utf16 + ": not a notebook (binary file)");
  }

  @Test
  void namesTheCellOfABadCell() throws IOException {
    Path nb =
        file(
            "c.ipynb",
            "{\"nbformat\": 4, \"nbformat_minor\": 2, \"metadata\": {}, \"cells\": ["
                + "{\"cell_type\": \"code\", \"source\": \"\", \"metadata\": {}, \"outputs\": []},"
                + "{\"cell_type\": \"picture\", \"source\": \"\", \"metadata\": {}}]}");
    assertThatThrownBy(() -> NotebookReader.read(nb))
        .hasMessage(nb + ": cell 1: unknown cell_type \"picture\"");
  }

  @Test
  void refusesNotebooksOverTheSizeLimitWithoutReadingThem() throws IOException {
    Path big = dir.resolve("big.ipynb");
    try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
      sparse.setLength(200_000_000L);
    }
    assertThatThrownBy(() -> NotebookReader.read(big))
        .hasMessage(big + ": notebook is 200.0 MB, larger than the 102 MB limit");
  }
}
