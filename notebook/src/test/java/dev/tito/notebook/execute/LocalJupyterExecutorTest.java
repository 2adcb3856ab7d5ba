package dev.tito.notebook.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalJupyterExecutorTest {
  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> ExecutionLimits.defaults().withDeadline(Duration.ZERO))
        .hasMessage("the execution deadline must be positive");
    assertThat(ExecutionLimits.defaults().perCellTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void studentCodeSeesOnlyTheDataFilesWithItsHomeElsewhere(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve("points.csv"), "x,y\n1,2\n");

    ExecutionOutcome outcome =
        runCell(
            "import os\\nprint(sorted(os.listdir('.')), os.path.isdir(os.environ['IPYTHONDIR']),"
                + " os.environ['HOME'] != os.getcwd())",
            data);

    assertThat(outcome.failure()).isEqualTo(FailureClass.OK);
    assertThat(outcome.executed().cells().get(0).outputs().get(0).path("text").asText())
        .isEqualTo("['points.csv'] True True\n");
  }

  @Test
  void aCellThatPrintsTwiceHasOneOutputAsNbconvertWritesIt(@TempDir Path data) throws Exception {
    ExecutionOutcome outcome =
        runCell("print('a', flush=True)\\nprint('b', end='\\\\r', flush=True)\\nprint('c')", data);

    assertThat(outcome.failure()).isEqualTo(FailureClass.OK);
    assertThat(outcome.executed().cells().get(0).outputs()).hasSize(1);
    assertThat(outcome.executed().cells().get(0).outputs().get(0).path("text").asText())
        .isEqualTo("a\nc\n");
  }

  @Test
  void studentCodeCanImportTheDebuggerAndCompleterTheKernelRunsWithout(@TempDir Path data)
      throws Exception {
    ExecutionOutcome outcome =
        runCell("import debugpy, jedi\\nprint(debugpy.__name__, jedi.__name__)", data);

    assertThat(outcome.failure()).isEqualTo(FailureClass.OK);
    assertThat(outcome.executed().cells().get(0).outputs().get(0).path("text").asText())
        .isEqualTo("debugpy jedi\n");
  }

  @Test
  void aFailingCellHasTheHighlightedTracebackNbconvertWrites(@TempDir Path data) throws Exception {
    // a traceback through two cells: IPython highlights the code of every frame
    byte[] json =
        """
        {"cells": [
          {"cell_type": "code", "execution_count": null, "id": "c1", "metadata": {}, "outputs": [],
           "source": "def area(width, height):\\n    size = width * height  # square units\\n    return size / 0"},
          {"cell_type": "code", "execution_count": null, "id": "c2", "metadata": {}, "outputs": [],
           "source": "print('area:', area(2, 3))"}],
         "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
         "nbformat": 4, "nbformat_minor": 5}
        """
            .getBytes(StandardCharsets.UTF_8);
    Path file = data.resolve("cells.ipynb");
    Files.write(file, json);

    ExecutionOutcome outcome;
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor()) {
      outcome =
          executor.execute(
              "cells.ipynb",
              NotebookReader.parse(json, "cells.ipynb"),
              List.of(),
              ExecutionLimits.defaults(),
              ExecutionPurpose.AUTOGRADE);
    }
    ProcessBuilder nbconvert =
        new ProcessBuilder(
                LocalJupyter.python(System.getenv()).toString(),
                "-m",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--allow-errors",
                "--stdout",
                file.toString())
            .directory(data.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    nbconvert.environment().put("JUPYTER_RUNTIME_DIR", data.resolve("runtime").toString());
    nbconvert.environment().put("IPYTHONDIR", data.resolve("ipython").toString());
    Process process = nbconvert.start();
    JsonNode written = new ObjectMapper().readTree(process.getInputStream());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(outcome.failure()).isEqualTo(FailureClass.OK);
    JsonNode ours = outcome.executed().cells().get(1).outputs().get(0);
    JsonNode theirs = written.path("cells").get(1).path("outputs").get(0);
    assertThat(ours.path("ename").asText()).isEqualTo("ZeroDivisionError");
    assertThat(ours.path("traceback")).isEqualTo(theirs.path("traceback"));
  }

  /** Executes a notebook of one code cell whose source is {@code source} (escaped for JSON). */
  private static ExecutionOutcome runCell(String source, Path data) {
    Notebook notebook =
        NotebookReader.parse(
            ("""
        {"cells": [{"cell_type": "code", "execution_count": null, "id": "c1", "metadata": {}, "outputs": [],
          "source": "%s"}],
         "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
         "nbformat": 4, "nbformat_minor": 5}
        """)
                .formatted(source)
                .getBytes(StandardCharsets.UTF_8),
            "cell.ipynb");
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor()) {
      return executor.execute(
          "cell.ipynb",
          notebook,
          List.of(data),
          ExecutionLimits.defaults(),
          ExecutionPurpose.AUTOGRADE);
    }
  }
}
