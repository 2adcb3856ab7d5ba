package dev.tito.notebook.release;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleReleaseTest {
  @TempDir Path course;
  Path source;
  Path release;
  Path gradebook;

  @BeforeEach
  void layout() throws IOException {
    source = Files.createDirectories(course.resolve("source/m01"));
    release = course.resolve("release/m01");
    gradebook = course.resolve(".tito/m01.json");
  }

  private void write(String name, Notebook notebook) {
    NotebookWriter.write(notebook, source.resolve(name));
  }

  private static Notebook good() {
    return notebook(
        solution(code("### BEGIN SOLUTION\nx = 1\n### END SOLUTION"), "answer"),
        tests(code("assert x == 1"), "check", 1));
  }

  private ModuleReleaseResult releaseModule() {
    return new ModuleRelease()
        .release(source, release, gradebook, "m01", ReleaseOptions.defaults());
  }

  @Test
  void releasesNotebooksCopiesFilesAndWritesTheGradebook() throws IOException {
    write("tensor.ipynb", good());
    Files.writeString(source.resolve("data.csv"), "a,b\n");
    Files.createDirectories(source.resolve("assets/img"));
    Files.writeString(source.resolve("assets/img/plot.svg"), "<svg/>");

    ModuleReleaseResult result = releaseModule();

    assertThat(result.ok()).isTrue();
    assertThat(result.releasedFiles())
        .containsExactly(
            release.resolve("assets/img/plot.svg"),
            release.resolve("data.csv"),
            release.resolve("tensor.ipynb"));
    assertThat(NotebookReader.read(release.resolve("tensor.ipynb")).cells().get(0).source())
        .startsWith("# YOUR CODE HERE");
    JsonNode rows = new ObjectMapper().readTree(gradebook.toFile());
    assertThat(
            rows.path("m01")
                .path("notebooks")
                .path("tensor")
                .path("grade_cells")
                .path("check")
                .path("max_score")
                .asDouble())
        .isEqualTo(1.0);
    assertThat(rows.path("m01").has("duedate")).isTrue();
  }

  @Test
  void theReleaseFolderHasTheCallersUmaskAsNbgradersDoesNotATemporaryFoldersOwnerOnlyMode()
      throws IOException {
    write("tensor.ipynb", good());
    Set<PosixFilePermission> mkdir =
        Files.getPosixFilePermissions(Files.createDirectory(course.resolve("made-by-mkdir")));
    assumeTrue(
        !mkdir.equals(PosixFilePermissions.fromString("rwx------")),
        "a umask of 077 makes both 0700");

    releaseModule();

    assertThat(Files.getPosixFilePermissions(release)).isEqualTo(mkdir);
  }

  @Test
  void skipsNbgradersIgnoredFilesAndNestedNotebooks() throws IOException {
    write("tensor.ipynb", good());
    for (String ignored :
        new String[] {
          ".ipynb_checkpoints/tensor-checkpoint.ipynb",
          "__pycache__/x.cpython-311.pyc",
          "lib/helper.pyc",
          "lib/feedback/old.html",
          "feedback",
          "extra/solutions.ipynb"
        }) {
      Files.createDirectories(source.resolve(ignored).getParent());
      Files.writeString(source.resolve(ignored), "ignored");
    }
    Files.writeString(source.resolve("lib/helper.py"), "def f(): pass\n");

    ModuleReleaseResult result = releaseModule();

    assertThat(result.releasedFiles())
        .containsExactly(release.resolve("lib/helper.py"), release.resolve("tensor.ipynb"));
  }

  @Test
  void replacesAnOldReleaseCompletely() throws IOException {
    Files.createDirectories(release);
    Files.writeString(release.resolve("stale.ipynb"), "{}");
    write("tensor.ipynb", good());

    releaseModule();

    try (Stream<Path> files = Files.list(release)) {
      assertThat(files).containsExactly(release.resolve("tensor.ipynb"));
    }
    try (Stream<Path> siblings = Files.list(release.getParent())) {
      assertThat(siblings).containsExactly(release);
    }
  }

  @Test
  void aFailingNotebookChangesNothing() throws IOException {
    Files.createDirectories(release);
    Files.writeString(release.resolve("previous.ipynb"), "previous");
    Files.createDirectories(gradebook.getParent());
    Files.writeString(gradebook, "{\"m01\": \"previous\"}");
    write("a_good.ipynb", good());
    write("b_bad.ipynb", notebook(tests(code("### BEGIN SOLUTION\nx\n### END SOLUTION"), "t", 1)));
    Files.writeString(source.resolve("c_broken.ipynb"), "{not json");

    ModuleReleaseResult result = releaseModule();

    assertThat(result.ok()).isFalse();
    assertThat(result.releasedFiles()).isEmpty();
    assertThat(result.errors())
        .extracting(
            ModuleReleaseResult.NotebookError::file, ModuleReleaseResult.NotebookError::step)
        .containsExactly(
            tuple(source.resolve("b_bad.ipynb"), "ClearSolutions"),
            tuple(source.resolve("c_broken.ipynb"), "read"));
    assertThat(result.errors().get(0).describe())
        .isEqualTo(
            source.resolve("b_bad.ipynb")
                + ": cell 0 (grade_id t): Solution region detected in a non-solution cell; please make sure "
                + "all solution regions are within solution cells.");
    try (Stream<Path> files = Files.list(release)) {
      assertThat(files).containsExactly(release.resolve("previous.ipynb"));
    }
    assertThat(gradebook).hasContent("{\"m01\": \"previous\"}");
    try (Stream<Path> siblings = Files.list(release.getParent())) {
      assertThat(siblings).containsExactly(release);
    }
  }

  @Test
  void aFolderWithoutNotebooksIsAnError() {
    ModuleReleaseResult result = releaseModule();

    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .isEqualTo("No notebooks were matched by '" + source.resolve("*") + "'"));
    assertThat(release).doesNotExist();
  }

  @Test
  void aMissingModuleFolderIsAnIoError() {
    assertThatThrownBy(
            () ->
                new ModuleRelease()
                    .release(
                        course.resolve("nope"),
                        release,
                        gradebook,
                        "m01",
                        ReleaseOptions.defaults()))
        .isInstanceOf(NotebookFormatException.class)
        .hasMessageEndingWith("nope: no such module folder");
  }

  @Test
  void anotherReaderCanSupplyNotebooksFromOtherFiles() throws IOException {
    Files.writeString(source.resolve("tensor.py"), "ignored by the fake reader");
    Files.writeString(source.resolve("helper.txt"), "copied");

    ModuleReleaseResult result =
        new ModuleRelease(file -> good(), file -> file.toString().endsWith(".py"))
            .release(source, release, null, "m01", ReleaseOptions.defaults());

    assertThat(result.releasedFiles())
        .containsExactly(release.resolve("helper.txt"), release.resolve("tensor.ipynb"));
    assertThat(gradebook).doesNotExist();
  }

  @Test
  void refusesAReleaseFolderThatWouldReplaceTheSource() {
    write("tensor.ipynb", good());

    assertThatThrownBy(
            () ->
                new ModuleRelease()
                    .release(
                        source, source.getParent(), gradebook, "m01", ReleaseOptions.defaults()))
        .isInstanceOf(NotebookFormatException.class)
        .hasMessageContaining("must not be or contain the module folder");
    assertThat(source.resolve("tensor.ipynb")).exists();
  }

  @Test
  void refusesModuleNamesNbgraderRejects() {
    assertThatThrownBy(
            () ->
                new ModuleRelease()
                    .release(source, release, gradebook, "a+b", ReleaseOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not contain '+'");
  }

  @Test
  void twoSourcesForTheSameReleasedNotebookAreAnError() throws IOException {
    write("tensor.ipynb", good());
    Files.writeString(source.resolve("tensor.py"), "# same notebook as text");

    ModuleReleaseResult result =
        new ModuleRelease(file -> good(), file -> true)
            .release(source, release, gradebook, "m01", ReleaseOptions.defaults());

    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .isEqualTo("another notebook of the module is also released as tensor.ipynb"));
  }
}
