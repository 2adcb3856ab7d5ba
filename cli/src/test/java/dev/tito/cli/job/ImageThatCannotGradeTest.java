package dev.tito.cli.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A course image whose Python cannot run tito's grader fails the execute step with its own exit code (3, which the
 * operator retries as an infrastructure failure), never with the exit that blames the student's notebook (1).
 */
class ImageThatCannotGradeTest {
  @TempDir Path temp;

  @Test
  void aPythonWithoutNbconvertIsTheImagesFailureNotTheStudents() throws Exception {
    assumeTrue(ExecuteContainer.jupyterInstalled(), ExecuteContainer.NEEDS_JUPYTER);
    Path python = venv(temp.resolve("bare"), false);

    ExecuteContainer.Exit exit = ExecuteContainer.run(honestSubmission(), python);

    assertThat(exit.code()).as(exit.log()).isEqualTo(3);
    assertThat(exit.log())
        .contains("No module named")
        .contains("execute: p1.ipynb: this image cannot run tito's grader");
  }

  @Test
  void aKernelForgeThatCannotStartIsTheImagesFailureNotTheStudents() throws Exception {
    assumeTrue(ExecuteContainer.jupyterInstalled(), ExecuteContainer.NEEDS_JUPYTER);
    // nbconvert is there, but the kernel's package is not one the forge can import
    Path venv = temp.resolve("broken-ipykernel");
    Path python = venv(venv, true);
    Path sitePackages =
        Files.list(venv.resolve("lib")).findFirst().orElseThrow().resolve("site-packages");
    Files.createDirectories(sitePackages.resolve("ipykernel"));
    Files.writeString(
        sitePackages.resolve("ipykernel/__init__.py"),
        "raise ImportError('this ipykernel is broken on purpose')\n");

    ExecuteContainer.Exit exit = ExecuteContainer.run(honestSubmission(), python);

    assertThat(exit.code()).as(exit.log()).isEqualTo(3);
    assertThat(exit.log())
        .contains("this ipykernel is broken on purpose")
        .contains("the kernel forge stopped before it was ready")
        .contains("execute: p1.ipynb: this image cannot run tito's grader");
  }

  @Test
  void aStudentsNotebookThatKillsItsKernelIsStillTheStudentsFailure() throws Exception {
    assumeTrue(ExecuteContainer.jupyterInstalled(), ExecuteContainer.NEEDS_JUPYTER);
    JobFixture job = new JobFixture(temp.resolve("exits"));
    Path submitted = job.submit(job.answer("import os\nos._exit(9)"));
    assertThat(job.prepare(submitted).exitCode()).isZero();

    ExecuteContainer.Exit exit = ExecuteContainer.run(job.work, Path.of("/usr/bin/python3"));

    assertThat(exit.code()).as(exit.log()).isEqualTo(1);
  }

  private Path honestSubmission() throws Exception {
    JobFixture job = new JobFixture(temp.resolve("honest"));
    Path submitted = job.submit(job.answer("def add(a, b):\n    return a + b"));
    assertThat(job.prepare(submitted).exitCode()).isZero();
    return job.work;
  }

  /** A virtual environment of Debian's Python, with or without the system's packages (nbconvert, ipykernel). */
  private static Path venv(Path dir, boolean systemPackages) throws Exception {
    ProcessBuilder builder =
        systemPackages
            ? new ProcessBuilder(
                "/usr/bin/python3",
                "-m",
                "venv",
                "--without-pip",
                "--system-site-packages",
                dir.toString())
            : new ProcessBuilder("/usr/bin/python3", "-m", "venv", "--without-pip", dir.toString());
    Process process = builder.redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as(new String(process.getInputStream().readAllBytes()))
        .isZero();
    return dir.resolve("bin/python3");
  }
}
