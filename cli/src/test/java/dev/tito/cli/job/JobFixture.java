package dev.tito.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.cli.TitoRun;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assignment {@code m1} as a grading Job sees it: the gradebook Secret, the projected release (notebook
 * {@code p1} with an answer, a visible test worth 1 and a hidden test worth 2; a data file; a file in parts),
 * and a second notebook {@code p2} in the gradebook that students may not hand in.
 */
final class JobFixture {
  static final String ASSIGNMENT = "m1";
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path root;
  final ReleasedNotebook p1;
  final ReleasedNotebook p2;
  final Path gradebook;
  final Path release;
  final Path work;

  JobFixture(Path root) {
    this.root = root;
    this.p1 =
        StudentRelease.release(
            notebook(
                """
        [{"id": "c0", "cell_type": "markdown", "metadata": {}, "source": "Write add."},
         {"id": "c1", "cell_type": "code", "metadata": {"nbgrader": {"schema_version": 3, "grade": false,
          "solution": true, "locked": false, "grade_id": "answer"}}, "execution_count": null, "outputs": [],
          "source": "def add(a, b):\\n    ### BEGIN SOLUTION\\n    return a + b\\n    ### END SOLUTION"},
         {"id": "c2", "cell_type": "code", "metadata": {"nbgrader": {"schema_version": 3, "grade": true,
          "solution": false, "locked": true, "grade_id": "visible", "points": 1}}, "execution_count": null,
          "outputs": [], "source": "assert add(1, 2) == 3"},
         {"id": "c3", "cell_type": "code", "metadata": {"nbgrader": {"schema_version": 3, "grade": true,
          "solution": false, "locked": true, "grade_id": "hidden", "points": 2}}, "execution_count": null,
          "outputs": [], "source": "assert add(1, 1) == 2\\n### BEGIN HIDDEN TESTS\\nassert add(2, 2) == 4\\n### END HIDDEN TESTS"}]
        """),
            ReleaseOptions.defaults());
    this.p2 =
        StudentRelease.release(
            notebook(
                """
        [{"id": "d0", "cell_type": "code", "metadata": {"nbgrader": {"schema_version": 3, "grade": true,
          "solution": false, "locked": true, "grade_id": "extra", "points": 1}}, "execution_count": null,
          "outputs": [], "source": "assert True"}]
        """),
            ReleaseOptions.defaults());
    try {
      ReleaseGradebook rows =
          new ReleaseGradebook(
              null, new TreeMap<>(Map.of("p1", p1.gradebookRows(), "p2", p2.gradebookRows())));
      gradebook = Files.createDirectories(root.resolve("gradebook")).resolve("gradebook.json");
      Files.write(gradebook, JSON.writeValueAsBytes(Map.of(ASSIGNMENT, rows)));
      Map<String, byte[]> releaseKeys = new LinkedHashMap<>();
      releaseKeys.put("p1.ipynb", NotebookWriter.toBytes(p1.student()));
      releaseKeys.put("p2.ipynb", NotebookWriter.toBytes(p2.student()));
      releaseKeys.putAll(
          ProjectedVolume.text(
              "data.csv",
              "x\n1\n",
              "model.bin.tito-part-0000",
              "AB",
              "model.bin.tito-part-0001",
              "CD"));
      release = ProjectedVolume.of(Files.createDirectories(root.resolve("release")), releaseKeys);
      work = Files.createDirectories(root.resolve("work"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Notebook notebook(String cells) {
    try {
      JsonNode root =
          JSON.readTree(
              "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {\"kernelspec\": "
                  + "{\"name\": \"python3\", \"language\": \"python\", \"display_name\": \"Python 3\"}}, \"cells\": "
                  + cells
                  + "}");
      return NotebookReader.fromTree(root, "source.ipynb");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The released p1 with the student's answer. */
  Notebook answer(String source) {
    Notebook copy = p1.student().deepCopy();
    cell(copy, "answer").setSource(source);
    return copy;
  }

  static Cell cell(Notebook notebook, String gradeId) {
    return notebook.cells().stream()
        .filter(c -> gradeId.equals(GradingFlags.gradeId(c)))
        .findFirst()
        .orElseThrow();
  }

  /** A submission ConfigMap, projected: {@code p1.ipynb} plus any other keys. */
  Path submit(Notebook p1Notebook, String... otherNamesAndContents) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    if (p1Notebook != null) {
      keys.put("p1.ipynb", NotebookWriter.toBytes(p1Notebook));
    }
    keys.putAll(ProjectedVolume.text(otherNamesAndContents));
    try {
      return ProjectedVolume.of(Files.createDirectories(root.resolve("submission")), keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TitoRun prepare(Path submission, String... more) {
    String[] base = {
      "job",
      "prepare",
      "--gradebook",
      gradebook.toString(),
      "--assignment",
      ASSIGNMENT,
      "--submission",
      submission.toString(),
      "--release",
      release.toString(),
      "--work",
      work.toString()
    };
    return TitoRun.of(concat(base, more));
  }

  TitoRun score(Path submission) {
    return TitoRun.of(
        "job",
        "score",
        "--gradebook",
        gradebook.toString(),
        "--assignment",
        ASSIGNMENT,
        "--student",
        "ada",
        "--submission",
        submission.toString(),
        "--work",
        work.toString(),
        "--termination-log",
        root.resolve("termination-log").toString());
  }

  /** The prepared p1 as the execute container would leave it, with these outputs per grade_id. */
  void executed(Map<String, String> outputsByGradeId) {
    Notebook executed = NotebookReader.read(work.resolve("prepared/p1.ipynb"));
    outputsByGradeId.forEach(
        (id, output) -> {
          try {
            cell(executed, id).outputs().add(JSON.readTree(output));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    writeExecuted(NotebookWriter.toBytes(executed));
  }

  void writeExecuted(byte[] bytes) {
    try {
      Files.write(work.resolve("executed/p1.ipynb"), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String error(String name) {
    return "{\"output_type\": \"error\", \"ename\": \""
        + name
        + "\", \"evalue\": \"\", \"traceback\": []}";
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
