package dev.tito.notebook.ipynb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NotebookRoundTripTest {
  static final Path CORPUS = Path.of("src/test/resources/conformance/nbgrader");

  /** Every notebook nbgrader itself wrote (releases and upgrades) must come back byte-identical. */
  static List<Path> nbgraderWritten() throws IOException {
    try (Stream<Path> files = Files.walk(CORPUS.resolve("derived"))) {
      return files
          .filter(p -> p.toString().endsWith(".ipynb"))
          .filter(p -> p.toString().contains("/release/") || p.toString().contains("/upgrade/"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @ParameterizedTest
  @MethodSource("nbgraderWritten")
  void writesNotebooksExactlyAsNbformat(Path file) throws IOException {
    String original = Files.readString(file, StandardCharsets.UTF_8);
    String written = NotebookWriter.toJson(NotebookReader.read(file));
    assertThat(written).isEqualTo(original);
  }
}
