package dev.tito.notebook.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import dev.tito.notebook.execute.NotebookExecutor;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.testing.SharedRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every validate case of the nbgrader corpus with a real kernel: result kind, reported sources and
 * types, the first line of each error, the headline, and the whole printout where it does not depend
 * on the Python version. Cases that run the same notebook with the same timeout share one run.
 */
class ValidateConformanceTest {
  private static final Path ROOT = Path.of("src/test/resources/conformance/nbgrader");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TIMEOUT = Pattern.compile("--Execute\\.timeout=(\\d+)");
  private static final NotebookExecutor SHARED_RUNS = new SharedRuns(new LocalJupyterExecutor());

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> validateCases() throws IOException {
    List<JsonNode> cases = new ArrayList<>();
    JSON.readTree(ROOT.resolve("cases.json").toFile())
        .path("cases")
        .forEach(
            c -> {
              if ("validate".equals(c.path("kind").asText())) {
                cases.add(c);
              }
            });
    // cases run two at a time in the background (kernel starts dominate); each test checks its own
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> checks =
        cases.stream()
            .<Future<?>>map(
                c ->
                    pool.submit(
                        () -> {
                          check(c);
                          return null;
                        }))
            .toList();
    pool.shutdown();
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.path("id").asText(),
                    () -> {
                      try {
                        checks.get(cases.indexOf(c)).get();
                      } catch (ExecutionException e) {
                        throw e.getCause();
                      }
                    }));
  }

  private void check(JsonNode c) throws IOException {
    Path folder = Files.createDirectories(temp.resolve(c.path("id").asText()));
    Path notebookFile = null;
    for (JsonNode input : c.path("inputs")) {
      Path source = ROOT.resolve(input.path("path").asText());
      Path target = folder.resolve(source.getFileName().toString());
      Files.copy(source, target);
      if ("notebook".equals(input.path("role").asText())) {
        notebookFile = target;
      }
    }
    List<String> flags = new ArrayList<>();
    c.path("config").path("cli_flags").forEach(f -> flags.add(f.asText()));
    ValidationOptions options =
        new ValidationOptions(
            flags.contains("--invert"),
            flags.contains("--Validator.ignore_checksums=True"),
            flags.contains("--Validator.validate_all=True"));
    Duration timeout = Duration.ofSeconds(30);
    for (String flag : flags) {
      Matcher m = TIMEOUT.matcher(flag);
      if (m.matches()) {
        timeout = Duration.ofSeconds(Long.parseLong(m.group(1)));
      }
    }
    StudentValidation validation =
        new StudentValidation(
            SHARED_RUNS,
            ExecutionLimits.defaults()
                .withPerCellTimeout(timeout)
                .withDeadline(Duration.ofSeconds(120)));
    String fileName = notebookFile.getFileName().toString();
    Notebook notebook = NotebookReader.read(notebookFile);
    JsonNode expected = c.path("expected");
    if (expected.path("exit_code").asInt() == 1) {
      RuntimeException error =
          catchRuntimeException(() -> validation.validate(fileName, notebook, folder, options));
      assertThat(error).as("validate must refuse the notebook").isNotNull();
      assertThat(ValidationText.fatalError(fileName, error))
          .startsWith(expected.path("stderr_final_error").asText());
      return;
    }
    ValidationReport report = validation.validate(fileName, notebook, folder, options);
    List<String> keys = new ArrayList<>();
    expected.path("result_keys").forEach(k -> keys.add(k.asText()));
    assertThat(report.kind() == null ? List.of() : List.of(report.kind().key()))
        .as("result keys")
        .isEqualTo(keys);
    if (report.kind() != null) {
      JsonNode entries = expected.path("result").path(report.kind().key());
      assertThat(report.entries()).hasSize(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        ValidationReport.Entry ours = report.entries().get(i);
        assertThat(ours.source()).isEqualTo(entries.get(i).path("source").asText());
        if (entries.get(i).has("old_type")) {
          assertThat(ours.oldType()).isEqualTo(entries.get(i).path("old_type").asText());
          assertThat(ours.newType()).isEqualTo(entries.get(i).path("new_type").asText());
        }
      }
      JsonNode firstLines = expected.path("failed_error_first_lines");
      for (int i = 0; i < firstLines.size(); i++) {
        assertThat(report.entries().get(i).error().split("\n", 2)[0])
            .isEqualTo(firstLines.get(i).asText());
      }
    }
    String printed = ValidationText.render(report, options.invert());
    assertThat(printed.split("\n", 2)[0]).isEqualTo(expected.path("stdout_first_line").asText());
    if (expected.path("stdout_is_environment_independent").asBoolean()) {
      assertThat(printed)
          .isEqualTo(Files.readString(ROOT.resolve(expected.path("stdout_file").asText())));
    }
  }
}
