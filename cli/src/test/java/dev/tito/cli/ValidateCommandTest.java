package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class ValidateCommandTest {
  private static final String NO_END_SOLUTION =
      "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": null, "
          + "\"outputs\": [], \"metadata\": {\"nbgrader\": {\"grade\": false, \"solution\": true, \"locked\": false, "
          + "\"schema_version\": 3, \"grade_id\": \"a\"}}, \"source\": \"x = 0\\n### BEGIN SOLUTION\\nx = 1\"}], "
          + "\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void sampleModulesHaveNoProblems() {
    Path course = TitoRun.sampleCourseIn(dir);

    TitoRun run =
        TitoRun.of(
            "module",
            "validate",
            course.resolve("source/01_tensor").toString(),
            course.resolve("src/02_activations").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("2 notebooks checked: no problems\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aCourseFolderIsEveryModuleInIt() {
    Path course = TitoRun.sampleCourseIn(dir);

    TitoRun run = TitoRun.of("module", "validate", course.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("2 notebooks checked: no problems\n");
  }

  @Test
  void gateErrorsArePrintedAsAnAlignedTableAndExitOne() throws IOException {
    Path notebook = write("bad.ipynb", NO_END_SOLUTION);

    TitoRun run = TitoRun.of("module", "validate", notebook.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    String[] lines = run.out().split("\n");
    assertThat(lines[0]).matches("SEVERITY +FILE +CELL +GRADE_ID +LINE +MESSAGE");
    assertThat(lines[1])
        .startsWith("error     " + notebook)
        .containsPattern("\\s0  a\\s+2  no end solution statement found");
    assertThat(lines[1].indexOf(notebook.toString())).isEqualTo(lines[0].indexOf("FILE"));
    assertThat(lines[lines.length - 1]).matches("1 notebook checked: 1 error, \\d+ warnings?");
  }

  @Test
  void jsonOutputHasTheFindingsAndASummary() throws IOException {
    Path notebook = write("bad.ipynb", NO_END_SOLUTION);

    TitoRun run = TitoRun.of("module", "validate", "--json", notebook.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    JsonNode first = json.path("findings").get(0);
    assertThat(first.path("severity").asText()).isEqualTo("error");
    assertThat(first.path("file").asText()).isEqualTo(notebook.toString());
    assertThat(first.path("cell").asInt()).isZero();
    assertThat(first.path("grade_id").asText()).isEqualTo("a");
    assertThat(json.path("summary").path("notebooks").asInt()).isEqualTo(1);
    assertThat(json.path("summary").path("errors").asInt()).isEqualTo(1);
  }

  @Test
  void nbgraderOnlyReportsWhatGenerateAssignmentRejectsAndNoCourseRules() throws IOException {
    Path bad = write("bad.ipynb", NO_END_SOLUTION);
    Path stubbed =
        write(
            "stubbed.ipynb",
            NO_END_SOLUTION.replace("x = 0\\n### BEGIN SOLUTION\\nx = 1", "x = 1"));

    TitoRun gates = TitoRun.of("module", "validate", stubbed.toString());
    TitoRun nbgrader =
        TitoRun.of("module", "validate", "--nbgrader", bad.toString(), stubbed.toString());

    assertThat(gates.out()).contains("warning").contains(stubbed.toString());
    assertThat(nbgrader.exitCode()).isEqualTo(1);
    assertThat(nbgrader.out())
        .contains("no end solution statement found")
        .doesNotContainPattern("(?m)^warning")
        .doesNotContain(stubbed.toString())
        .endsWith("2 notebooks checked: 1 error, 0 warnings\n");
  }

  @Test
  void oldMetadataIsTheSameWarningInANotebookAsInAPyFileOnceForTheFileButNbgraderRefusesIt()
      throws IOException {
    String cells =
        "{\"cell_type\": \"code\", \"execution_count\": null, \"outputs\": [], \"metadata\": {\"nbgrader\": "
            + "{\"grade\": false, \"grade_id\": \"%s\", \"solution\": true}}, \"source\": \"### BEGIN SOLUTION\\nx = 1\\n"
            + "### END SOLUTION\"}";
    Path notebook =
        write(
            "old.ipynb",
            "{\"cells\": ["
                + String.format(cells, "a")
                + ", "
                + String.format(cells, "b")
                + ", {\"cell_type\": \"code\", \"execution_count\": null, \"outputs\": [], \"metadata\": {\"nbgrader\": "
                + "{\"grade\": true, \"grade_id\": \"t\", \"locked\": true, \"points\": 1}}, \"source\": \"assert x\"}], "
                + "\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
    Path script =
        write(
            "old.py",
            "# %% nbgrader={\"grade\": false, \"grade_id\": \"a\", \"solution\": true}\n"
                + "### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n\n# %% nbgrader={\"grade\": false, \"grade_id\": \"b\", "
                + "\"solution\": true}\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n\n"
                + "# %% nbgrader={\"grade\": true, \"grade_id\": \"t\", \"locked\": true, \"points\": 1}\nassert x\n");

    TitoRun ipynb = TitoRun.of("module", "validate", notebook.toString());
    TitoRun py = TitoRun.of("module", "validate", script.toString());
    TitoRun nbgrader = TitoRun.of("module", "validate", "--nbgrader", notebook.toString());

    assertThat(ipynb.exitCode()).isZero();
    assertThat(ipynb.out())
        .containsPattern(
            "warning +\\S+old.ipynb +0  a +1  3 cells have nbgrader metadata of schema "
                + "version 0 \\(this is the first\\)")
        .contains("to fix the file, run: tito module update " + notebook)
        .endsWith("1 notebook checked: 0 errors, 1 warning\n");
    assertThat(py.exitCode()).isZero();
    assertThat(py.out())
        .containsPattern(
            "warning +\\S+old.py +0  a +1  3 cells have nbgrader metadata of schema "
                + "version 0 \\(this is the first\\)")
        .endsWith("1 notebook checked: 0 errors, 1 warning\n");
    assertThat(nbgrader.exitCode()).isEqualTo(1);
    assertThat(nbgrader.out()).contains("Outdated schema version: 0 (expected 3)");
  }

  @Test
  void jupytextModulesAreValidatedToo() throws IOException {
    Path module =
        write(
            "m.py",
            "# %% nbgrader={\"grade\": false, \"grade_id\": \"a\", \"locked\": false, "
                + "\"schema_version\": 3, \"solution\": true}\nx = 0\n### BEGIN SOLUTION\nx = 1\n");

    TitoRun run = TitoRun.of("module", "validate", module.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains(module.toString()).contains("no end solution statement found");
  }

  private void assertUnreadable(Path path, String expectedMessage) {
    TitoRun run = TitoRun.of("module", "validate", path.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("tito: " + expectedMessage)
        .hasLineCount(1)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(run.out()).isEqualTo("nothing checked: 1 path could not be read\n");
  }

  @Test
  void malformedJson() throws IOException {
    assertUnreadable(
        write("broken.ipynb", "{\"cells\": [}"),
        dir.resolve("broken.ipynb") + ": not a notebook: invalid JSON at line 1");
  }

  @Test
  void aFileThatIsNotANotebook() throws IOException {
    assertUnreadable(write("notes.txt", "hello"), dir.resolve("notes.txt") + ": not a notebook");
    assertUnreadable(write("list.ipynb", "[1, 2]"), dir.resolve("list.ipynb") + ": not a notebook");
  }

  @Test
  void nbformat3And5() throws IOException {
    assertUnreadable(
        write(
            "v3.ipynb",
            "{\"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": [], \"metadata\": {}}"),
        dir.resolve("v3.ipynb") + ": nbformat 3 is not supported");
    assertUnreadable(
        write(
            "v5.ipynb",
            "{\"nbformat\": 5, \"nbformat_minor\": 0, \"cells\": [], \"metadata\": {}}"),
        dir.resolve("v5.ipynb") + ": nbformat 5 is not supported");
  }

  @Test
  void aBinaryFile() throws IOException {
    Path binary =
        Files.write(dir.resolve("image.ipynb"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
    assertUnreadable(binary, binary + ": not a notebook (binary file)");
  }

  @Test
  void aNotebookOverTheSizeLimit() throws IOException {
    Path big = dir.resolve("big.ipynb");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(200L * 1024 * 1024); // sparse: takes no disk space
    }
    assertUnreadable(big, big + ": notebook is 209.7 MB, larger than the 102 MB limit");
  }

  @Test
  void aPyFileWithoutCellMarkers() throws IOException {
    Path script = write("script.py", "import numpy as np\nprint(np.pi)\n");
    assertUnreadable(script, script + ": no '# %%' cell markers: not a jupytext percent notebook");
  }

  @Test
  void invalidCellMetadataInAPyFile() throws IOException {
    Path script = write("meta.py", "# %%\nx = 1\n\n# %% nbgrader={\"grade\": yes}\ny = 2\n");
    assertUnreadable(script, script + ": line 4: invalid JSON for cell metadata 'nbgrader'");
  }

  @Test
  void aMissingPathBesideAGoodNotebookIsNeverNoProblemsWithOrWithoutNbgrader() throws IOException {
    Path course = TitoRun.sampleCourseIn(dir);
    String good = course.resolve("source/01_tensor/01_tensor.ipynb").toString();

    TitoRun gates = TitoRun.of("module", "validate", good, dir.resolve("gone.ipynb").toString());
    TitoRun nbgrader =
        TitoRun.of("module", "validate", "--nbgrader", good, dir.resolve("gone.ipynb").toString());

    assertThat(gates.exitCode()).isEqualTo(2);
    assertThat(gates.out()).isEqualTo("1 notebook checked: 0 errors, 0 warnings, 1 unreadable\n");
    assertThat(nbgrader.exitCode()).isEqualTo(2);
    assertThat(nbgrader.out())
        .isEqualTo("1 notebook checked: 0 errors, 0 warnings, 1 unreadable\n");
    assertThat(
            TitoRun.of("module", "validate", "--nbgrader", dir.resolve("gone.ipynb").toString())
                .out())
        .isEqualTo("nothing checked: 1 path could not be read\n");
  }

  @Test
  void aMissingPath() {
    assertUnreadable(dir.resolve("gone.ipynb"), dir.resolve("gone.ipynb") + ": no such file");
    assertUnreadable(dir.resolve("gone"), dir.resolve("gone") + ": no such file");
  }

  @Test
  void anUnreadablePath() throws IOException {
    Path locked = write("locked.ipynb", NO_END_SOLUTION);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeTrue(!Files.isReadable(locked), "root reads files whatever their permissions");
    assertUnreadable(locked, locked + ": permission denied");
  }

  @Test
  void aPathThatFailsToReadEvenForRoot() throws IOException {
    Path memory = Path.of("/proc/self/mem");
    assumeTrue(Files.exists(memory), "needs Linux /proc");
    Path link = Files.createSymbolicLink(dir.resolve("memory.ipynb"), memory);
    assertUnreadable(link, link + ": cannot read");
  }

  @Test
  void anEmptyFolder() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertUnreadable(empty, empty + ": no notebooks in this folder");
  }

  @Test
  void unexpectedErrorsAreOneLineWithTheStackOnlyWithDebug() {
    StringWriter plain = new StringWriter();
    StringWriter debug = new StringWriter();

    int plainExit =
        handle(new IllegalStateException("boom"), plain, "module", "validate", "x.ipynb");
    int debugExit =
        handle(
            new IllegalStateException("boom"), debug, "--debug", "module", "validate", "x.ipynb");

    assertThat(plainExit).isEqualTo(2);
    assertThat(plain.toString())
        .isEqualTo(
            "tito: unexpected error: IllegalStateException: boom (run with --debug for the stack trace)\n");
    assertThat(debugExit).isEqualTo(2);
    assertThat(debug.toString())
        .startsWith("tito: unexpected error: IllegalStateException: boom\n")
        .contains("\tat ");
  }

  private static int handle(Exception e, StringWriter err, String... args) {
    CommandLine tito = Tito.commandLine();
    tito.setErr(new PrintWriter(err, true));
    ParseResult parsed = tito.parseArgs(args);
    return new UserErrorHandler().handleExecutionException(e, tito, parsed);
  }
}
