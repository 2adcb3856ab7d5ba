package dev.tito.notebook.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.metadata.NotebookUpdate;
import dev.tito.notebook.metadata.SchemaVersionException;
import dev.tito.notebook.nbgrader.Checksum;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.release.ModuleRelease;
import dev.tito.notebook.release.ModuleReleaseResult;
import dev.tito.notebook.release.ReleaseException;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.StudentRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the nbgrader 0.9.5 conformance corpus ({@code cases.json}) against the release engine: every case
 * of kinds generate, invalid, upgrade and checksum, one dynamic test per case named by its id.
 */
class NbgraderConformanceTest {
  static final Path CORPUS = Path.of("src/test/resources/conformance/nbgrader");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String NO_METADATA = "--no-metadata";
  static final String NO_DB = "--no-db";
  static final String NO_VALIDATE = "--UpdateApp.validate=False";

  @TestFactory
  Stream<DynamicTest> generate() {
    return cases("generate")
        .map(c -> DynamicTest.dynamicTest(c.path("id").asText(), () -> runGenerate(c)));
  }

  @TestFactory
  Stream<DynamicTest> invalid() {
    return cases("invalid")
        .map(c -> DynamicTest.dynamicTest(c.path("id").asText(), () -> runInvalid(c)));
  }

  @TestFactory
  Stream<DynamicTest> upgrade() {
    return cases("upgrade")
        .map(c -> DynamicTest.dynamicTest(c.path("id").asText(), () -> runUpgrade(c)));
  }

  @TestFactory
  Stream<DynamicTest> checksum() {
    List<DynamicTest> tests = new ArrayList<>();
    cases("checksum")
        .forEach(
            c ->
                c.path("expected")
                    .path("entries")
                    .forEach(
                        entry ->
                            tests.add(
                                DynamicTest.dynamicTest(
                                    c.path("id").asText() + " " + entry.path("path").asText(),
                                    () -> runChecksum(entry)))));
    return tests.stream();
  }

  private static void runGenerate(JsonNode c) throws IOException {
    Path root = Files.createTempDirectory("tito-conformance-");
    try {
      placeInputs(c, root);
      String assignment = c.path("assignment_id").asText();
      Path gradebookFile =
          flags(c).contains(NO_DB) ? null : root.resolve(".tito").resolve(assignment + ".json");

      ModuleReleaseResult result =
          new ModuleRelease()
              .release(
                  root.resolve("source").resolve(assignment),
                  root.resolve("release").resolve(assignment),
                  gradebookFile,
                  assignment,
                  options(c, root));

      assertThat(result.errors()).extracting(ModuleReleaseResult.NotebookError::describe).isEmpty();
      JsonNode expected = c.path("expected");
      for (JsonNode output : expected.path("output_notebooks")) {
        Path expectedFile = CORPUS.resolve(output.asText());
        Path released =
            root.resolve("release").resolve(assignment).resolve(expectedFile.getFileName());
        assertThat(released).exists();
        assertThat(Files.readString(released))
            .as(output.asText())
            .isEqualTo(Files.readString(expectedFile));
      }
      for (JsonNode input : c.path("inputs")) {
        if (input.path("role").asText().equals("supporting_file")) {
          Path placed = root.resolve(input.path("place_at").asText());
          Path copied =
              root.resolve("release")
                  .resolve(assignment)
                  .resolve(root.resolve("source").resolve(assignment).relativize(placed));
          assertThat(copied).hasSameBinaryContentAs(placed);
        }
      }
      JsonNode rows = expected.path("gradebook_rows");
      if (rows.isTextual()) {
        assertThat(JSON.readTree(gradebookFile.toFile()))
            .isEqualTo(JSON.readTree(CORPUS.resolve(rows.asText()).toFile()));
      } else {
        assertThat(gradebookFile).isNull();
      }
    } finally {
      deleteRecursively(root);
    }
  }

  private static void runInvalid(JsonNode c) throws IOException {
    Path root = Files.createTempDirectory("tito-conformance-");
    try {
      placeInputs(c, root);
      ReleaseOptions options = options(c, root);
      JsonNode expected = c.path("expected");
      Notebook source = null;
      for (JsonNode input : c.path("inputs")) {
        if (input.path("role").asText().equals("source")) {
          source = NotebookReader.read(root.resolve(input.path("place_at").asText()));
        }
      }
      Notebook notebook = source;

      ReleaseException error =
          catchThrowableOfType(
              ReleaseException.class, () -> StudentRelease.release(notebook, options));

      assertThat(error).as("release must fail").isNotNull();
      assertThat(error.step()).isEqualTo(expected.path("failing_step").asText());
      String message = expected.path("error").path("message").asText();
      if (message.startsWith("(multi-line text) ...")) {
        assertThat(error.getMessage())
            .contains(message.replace("(multi-line text) ...", "").replace(" ...", "").strip());
      } else if (!message.contains("\n") && error.getMessage().contains("\n")) {
        // the corpus recorded the exception's first line; nbgrader's message goes on with the rest
        // of the cell
        assertThat(error.getMessage()).startsWith(message + "\n");
      } else {
        assertThat(error.getMessage()).isEqualTo(message);
      }
      String exception = expected.path("error").path("exception").asText();
      if (exception.startsWith("SchemaToo")) {
        assertThat(error.getCause())
            .isInstanceOfSatisfying(
                SchemaVersionException.class,
                e ->
                    assertThat(e.kind())
                        .isEqualTo(
                            exception.equals("SchemaTooOldError")
                                ? SchemaVersionException.Kind.TOO_OLD
                                : SchemaVersionException.Kind.TOO_NEW));
      }
      JsonNode wrapped = expected.get("wrapped_as");
      assertThat(error.wrappedMessage())
          .isEqualTo(
              wrapped == null
                  ? null
                  : wrapped.asText().substring(wrapped.asText().indexOf(": ") + 2));

      String assignment = c.path("assignment_id").asText();
      Path gradebookFile = root.resolve(".tito").resolve(assignment + ".json");
      ModuleReleaseResult result =
          new ModuleRelease()
              .release(
                  root.resolve("source").resolve(assignment),
                  root.resolve("release").resolve(assignment),
                  gradebookFile,
                  assignment,
                  options);
      assertThat(result.ok()).isFalse();
      assertThat(result.errors())
          .singleElement()
          .satisfies(e -> assertThat(e.message()).isEqualTo(error.getMessage()));
      assertThat(root.resolve("release"))
          .satisfiesAnyOf(
              dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
      assertThat(gradebookFile).doesNotExist();
    } finally {
      deleteRecursively(root);
    }
  }

  private static void runUpgrade(JsonNode c) throws IOException {
    Path dir = Files.createTempDirectory("tito-conformance-");
    try {
      Path input = CORPUS.resolve(c.path("inputs").get(0).path("path").asText());
      Path file = dir.resolve(input.getFileName());
      Files.copy(input, file);
      boolean validate = !flags(c).contains(NO_VALIDATE);
      JsonNode expected = c.path("expected");

      if (expected.path("exit_code").asInt() == 0) {
        NotebookUpdate.update(file, validate);
        assertThat(Files.readString(file))
            .isEqualTo(Files.readString(CORPUS.resolve(expected.path("output_notebook").asText())));
      } else {
        NotebookUpdate.UpdateFailedException error =
            catchThrowableOfType(
                NotebookUpdate.UpdateFailedException.class,
                () -> NotebookUpdate.update(file, validate));
        assertThat(error).as("update must fail").isNotNull();
        assertThat(error.getMessage())
            .isEqualTo(
                expected
                    .path("error")
                    .asText()
                    .replace("'" + input.getFileName() + "'", "'" + file + "'"));
        assertThat(file).hasSameBinaryContentAs(input);
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void runChecksum(JsonNode entry) {
    Notebook notebook = NotebookReader.read(CORPUS.resolve(entry.path("path").asText()));
    List<String> matches = new ArrayList<>();
    List<String> differs = new ArrayList<>();
    for (Cell cell : notebook.cells()) {
      JsonNode stored = cell.nbgrader() == null ? null : cell.nbgrader().get("checksum");
      if (stored != null) {
        (Checksum.of(cell).equals(stored.asText()) ? matches : differs)
            .add(GradingFlags.gradeId(cell));
      }
    }
    assertThat(matches).containsExactlyInAnyOrderElementsOf(texts(entry.path("checksum_matches")));
    assertThat(differs).containsExactlyInAnyOrderElementsOf(texts(entry.path("checksum_differs")));
  }

  /** The case's nbgrader configuration as release options; an option this suite does not know fails the case. */
  private static ReleaseOptions options(JsonNode c, Path root) {
    ReleaseOptions.Builder options = ReleaseOptions.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = c.path("config").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> option = it.next();
      JsonNode value = option.getValue();
      switch (option.getKey()) {
        case "IncludeHeaderFooter.header" ->
            options.header(NotebookReader.read(root.resolve(value.asText())));
        case "IncludeHeaderFooter.footer" ->
            options.footer(NotebookReader.read(root.resolve(value.asText())));
        case "ClearSolutions.text_stub" -> options.textStub(value.asText());
        case "ClearSolutions.code_stub" -> options.codeStub(asCommandLineText(value));
        case "cli_flags" -> {
          for (String flag : texts(value)) {
            if (flag.equals(NO_METADATA)) {
              options.enforceMetadata(false);
            } else if (!flag.equals(NO_DB)) {
              fail("unsupported flag " + flag);
            }
          }
        }
        default -> fail("unsupported configuration " + option.getKey());
      }
    }
    return options.build();
  }

  /**
   * The corpus passed this option on nbgrader's command line, where traitlets keeps the value as the
   * text typed (a dict literal); nbgrader then uses a text stub as {"python": text}, so the released
   * cells show that literal text. This is the text, written as Python's json.dumps would.
   */
  private static String asCommandLineText(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    List<String> entries = new ArrayList<>();
    value
        .fields()
        .forEachRemaining(
            e -> entries.add("\"" + e.getKey() + "\": \"" + e.getValue().asText() + "\""));
    return "{" + String.join(", ", entries) + "}";
  }

  private static List<String> flags(JsonNode c) {
    return texts(c.path("config").path("cli_flags"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static void placeInputs(JsonNode c, Path root) throws IOException {
    for (JsonNode input : c.path("inputs")) {
      Path target = root.resolve(input.path("place_at").asText());
      Files.createDirectories(target.getParent());
      Files.copy(CORPUS.resolve(input.path("path").asText()), target);
    }
  }

  private static Stream<JsonNode> cases(String kind) {
    try {
      List<JsonNode> cases = new ArrayList<>();
      JSON.readTree(CORPUS.resolve("cases.json").toFile())
          .path("cases")
          .forEach(
              c -> {
                if (c.path("kind").asText().equals(kind)) {
                  cases.add(c);
                }
              });
      assertThat(cases).as("cases of kind " + kind).isNotEmpty();
      return cases.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
