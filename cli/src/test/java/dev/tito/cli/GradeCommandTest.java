package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.execute.LocalJupyter;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The grading commands end to end on a small course, grading saved outputs (no kernel needed). */
class GradeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path course;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int tito(String... args) {
    CommandLine cli = new CommandLine(new Tito());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @BeforeEach
  void releaseAndSubmit() throws Exception {
    ObjectNode root =
        (ObjectNode)
            JSON.readTree(
                """
        {"nbformat": 4, "nbformat_minor": 5,
         "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
         "cells": [
          {"id": "a", "cell_type": "code", "metadata": {"nbgrader": {"schema_version": 3, "grade": false,
           "solution": true, "locked": false, "grade_id": "answer"}}, "execution_count": null, "outputs": [],
           "source": "### BEGIN SOLUTION\\nx = 1\\n### END SOLUTION"},
          {"id": "b", "cell_type": "code", "metadata": {"nbgrader": {"schema_version": 3, "grade": true,
           "solution": false, "locked": true, "grade_id": "check", "points": 2}}, "execution_count": null,
           "outputs": [], "source": "assert x == 1"}]}
        """);
    ReleasedNotebook released =
        StudentRelease.release(
            NotebookReader.fromTree(root, "p1.ipynb"), ReleaseOptions.defaults());
    ReleaseGradebook gradebook =
        new ReleaseGradebook(
            "2015-02-02 12:00:00 UTC", new TreeMap<>(Map.of("p1", released.gradebookRows())));
    Files.createDirectories(course.resolve(".tito"));
    Files.write(course.resolve(".tito/m1.json"), JSON.writeValueAsBytes(Map.of("m1", gradebook)));
    submit(
        "ada",
        released.student(),
        "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"ok\\n\"}",
        "2015-02-02 11:00:00 UTC");
    submit(
        "bob",
        released.student(),
        "{\"output_type\": \"error\", \"ename\": \"AssertionError\", \"evalue\": \"\", "
            + "\"traceback\": []}",
        "2015-02-02 13:00:00 UTC");
  }

  private void submit(String student, Notebook released, String testOutput, String timestamp)
      throws Exception {
    Notebook copy = released.deepCopy();
    for (Cell cell : copy.cells()) {
      if ("check".equals(GradingFlags.gradeId(cell))) {
        cell.outputs().add(JSON.readTree(testOutput));
      }
    }
    Path dir = Files.createDirectories(course.resolve("submitted/" + student + "/m1"));
    Files.write(dir.resolve("p1.ipynb"), NotebookWriter.toBytes(copy));
    Files.writeString(dir.resolve("timestamp.txt"), timestamp);
  }

  @Test
  void gradesEverySubmissionWritesNbgradersFoldersAndExports() throws Exception {
    int code =
        tito(
            "module",
            "grade",
            "m1",
            "--course",
            course.toString(),
            "--no-execute",
            "--late-policy",
            "zero",
            "--parallel",
            "2");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("ada", "2.0 / 2.0").containsPattern("bob\\s+0.0 / 2.0");
    assertThat(course.resolve("autograded/ada/m1/p1.ipynb")).exists();
    assertThat(Files.readString(course.resolve("feedback/ada/m1/p1.html")))
        .contains("p1 (Score: 2.0 / 2.0)");
    assertThat(course.resolve(".tito/grades/m1/bob.json")).exists();
    assertThat(err.toString())
        .as("a line per student off a terminal, then what was written")
        .contains("[1/2] ada: 2.0 / 2.0\n[2/2] bob: 0.0 / 2.0\n")
        .contains(
            "wrote "
                + course.resolve(".tito/grades/m1")
                + "/<student>.json, "
                + course.resolve("autograded")
                + "/<student>/m1/ and "
                + course.resolve("feedback")
                + "/<student>/m1/ for 2 students");

    assertThat(tito("grades", "export", "--format", "csv", "--course", course.toString())).isZero();
    assertThat(err.toString())
        .contains(
            "[1/1] m1: 2 results\nwrote "
                + course.resolve("grades.csv")
                + " (2 results of 1 module)");
    assertThat(Files.readString(course.resolve("grades.csv")))
        .isEqualTo(
            "assignment,duedate,timestamp,student_id,last_name,first_name,email,raw_score,late_submission_penalty,score,max_score\n"
                + "m1,2015-02-02 12:00:00,2015-02-02 11:00:00,ada,,,,2.0,0.0,2.0,2.0\n"
                + "m1,2015-02-02 12:00:00,2015-02-02 13:00:00,bob,,,,0.0,0.0,0.0,2.0\n");
    Path gradescope = course.resolve("gs");
    assertThat(
            tito(
                "grades",
                "export",
                "--format",
                "gradescope",
                "--course",
                course.toString(),
                "--output",
                gradescope.toString()))
        .isZero();
    assertThat(gradescope.resolve("m1/ada/results.json")).exists();
  }

  @Test
  void aModuleThatWasNeverReleasedIsAUsageError() {
    assertThat(tito("module", "grade", "m9", "--course", course.toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "tito: "
                + course.resolve(".tito/m9.json")
                + ": no release of module 'm9'; "
                + "release it first: tito module release m9 --student --course "
                + course
                + "\n");
  }

  @Test
  void aDamagedResultFileStopsTheExportWithItsName() throws Exception {
    tito("module", "grade", "m1", "--course", course.toString(), "--no-execute");
    Files.writeString(
        course.resolve(".tito/grades/m1/ada.json"), "{\"schema_version\": 1, \"oops\"");
    assertThat(tito("grades", "export", "--format", "moodle", "--course", course.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("ada.json: not a grading result");
  }

  @Test
  void aGradeWithAPythonWithoutJupyterSaysWhatToInstallInOneLine(@TempDir Path bin)
      throws Exception {
    // -S -I: no site-packages, so neither nbconvert nor ipykernel can be found (the worker starts
    // and fails)
    Path python = bin.resolve("python-without-jupyter");
    Files.writeString(python, "#!/bin/sh\nexec /usr/bin/python3 -S -I \"$@\"\n");
    python.toFile().setExecutable(true);

    Process tito = titoProcess(python, "module", "grade", "m1", "--course", course.toString());

    assertThat(new String(tito.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "tito: "
                + python
                + " has no nbconvert and ipykernel to run notebooks: "
                + LocalJupyter.INSTALL
                + "\n");
    assertThat(tito.waitFor()).isEqualTo(2);
  }

  @Test
  void aGradeWithNoPythonAtAllSaysWhatToInstallInOneLine(@TempDir Path bin) throws Exception {
    Process tito =
        titoProcess(bin.resolve("python3"), "module", "grade", "m1", "--course", course.toString());

    assertThat(new String(tito.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "tito: no Python at "
                + bin.resolve("python3")
                + " to run notebooks: "
                + LocalJupyter.INSTALL
                + "\n");
    assertThat(tito.waitFor()).isEqualTo(2);
  }

  /** tito in a JVM of its own whose {@code TITO_PYTHON} is {@code python}. */
  private static Process titoProcess(Path python, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Tito.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put(LocalJupyter.PYTHON_VARIABLE, python.toString());
    return builder.start();
  }
}
