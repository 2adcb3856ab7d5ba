package dev.tito.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.cli.TitoRun;
import dev.tito.notebook.autograde.SanitizedNotebook;
import dev.tito.notebook.execute.ExecutionPurpose;
import dev.tito.notebook.execute.GradingConfig;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tito job prepare}: what the execute container finds in its work volume, from the gradebook rows alone. */
class PrepareStepTest {
  @TempDir Path temp;
  private JobFixture job;

  @BeforeEach
  void fixture() {
    job = new JobFixture(temp);
  }

  private Path prepared(String name) {
    return job.work.resolve("prepared").resolve(name);
  }

  @Test
  void writesTheSanitisedNotebookAsLocalGradingSendsItToTheKernel() {
    Notebook submitted = job.answer("def add(a, b):\n    return a - b");
    JobFixture.cell(submitted, "visible").setSource("pass");
    JobFixture.cell(submitted, "visible")
        .outputs()
        .add(
            new ObjectMapper()
                .createObjectNode()
                .put("output_type", "stream")
                .put("name", "stdout")
                .put("text", "all tests passed"));
    Path submission = job.submit(submitted);

    TitoRun run = job.prepare(submission);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("tito: prepared m1: p1.ipynb, p2.ipynb not handed in\n");
    byte[] expected =
        NotebookWriter.toBytes(
            SanitizedNotebook.of(submitted, job.p1.gradebookRows(), false).notebook());
    assertThat(prepared("p1.ipynb")).hasBinaryContent(expected);
    Notebook written = NotebookReader.read(prepared("p1.ipynb"));
    assertThat(JobFixture.cell(written, "visible").source()).isEqualTo("assert add(1, 2) == 3");
    assertThat(JobFixture.cell(written, "visible").outputs()).isEmpty();
    assertThat(JobFixture.cell(written, "hidden").source()).contains("assert add(2, 2) == 4");
    assertThat(JobFixture.cell(written, "answer").source())
        .isEqualTo("def add(a, b):\n    return a - b");
    assertThat(prepared("p2.ipynb")).doesNotExist();
  }

  @Test
  void dataFilesFromTheReleaseWinOverTheStudentsAndPartsAreJoined() throws Exception {
    Path submission =
        job.submit(
            job.answer("x = 1"),
            "data.csv",
            "forged\n",
            "notes.txt",
            "mine",
            "timestamp.txt",
            "2020-01-01 00:00:00",
            "other.ipynb",
            "{}");

    assertThat(job.prepare(submission).exitCode()).isZero();

    assertThat(prepared("data.csv")).hasContent("x\n1\n");
    assertThat(prepared("notes.txt")).hasContent("mine");
    assertThat(prepared("model.bin")).hasContent("ABCD");
    try (Stream<Path> files = Files.list(job.work.resolve("prepared"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("p1.ipynb", "data.csv", "notes.txt", "model.bin");
    }
  }

  @Test
  void writesTheGradingConfigWithTheCellTimeoutAndTheWritableFolders() throws Exception {
    assertThat(job.prepare(job.submit(job.answer("x = 1")), "--cell-timeout", "7").exitCode())
        .isZero();

    String config = JobFixture.text(job.work.resolve("grading_config.py"));
    assertThat(config)
        .isEqualTo(GradingConfig.text(Duration.ofSeconds(7), ExecutionPurpose.AUTOGRADE))
        .contains("c.ExecutePreprocessor.timeout = 7\n")
        .contains("\"NBGRADER_EXECUTION\":\"autograde\"");
    for (String folder : new String[] {"home", "executed", "prepared"}) {
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(job.work.resolve(folder))))
          .as(folder)
          .isEqualTo("rwxrwxr-x");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prepared("p1.ipynb"))))
        .isEqualTo("rw-rw-r--");
  }

  @Test
  void anUnreadableNotebookIsSkippedForScoreToReport() {
    Path submission = job.submit(null, "p1.ipynb", "print('not a notebook')");

    TitoRun run = job.prepare(submission);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("p1.ipynb unreadable");
    assertThat(prepared("p1.ipynb")).doesNotExist();
  }

  @Test
  void preparingAgainReplacesThePreparedFolderWhole() throws Exception {
    Path submission = job.submit(job.answer("x = 1"));
    assertThat(job.prepare(submission).exitCode()).isZero();
    Files.writeString(prepared("left-over.txt"), "from an earlier run");

    assertThat(job.prepare(submission).exitCode()).isZero();

    assertThat(prepared("left-over.txt")).doesNotExist();
    assertThat(prepared("p1.ipynb")).exists();
  }

  @Test
  void aMissingGradebookIsOneLineNamingIt() {
    TitoRun run =
        TitoRun.of(
            "job",
            "prepare",
            "--gradebook",
            temp.resolve("none.json").toString(),
            "--assignment",
            "m1",
            "--submission",
            job.submit(null).toString(),
            "--release",
            job.release.toString(),
            "--work",
            job.work.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("tito: " + temp.resolve("none.json") + ": no such gradebook file\n");
    assertThat(job.work.resolve("prepared")).doesNotExist();
  }

  @Test
  void aGradebookWithoutTheAssignmentIsOneLineNamingIt() {
    TitoRun run =
        TitoRun.of(
            "job",
            "prepare",
            "--gradebook",
            job.gradebook.toString(),
            "--assignment",
            "m9",
            "--submission",
            job.submit(null).toString(),
            "--release",
            job.release.toString(),
            "--work",
            job.work.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("tito: " + job.gradebook + ": no gradebook rows for module 'm9'\n");
  }

  @Test
  void badFlagsAreOneLineUsageErrors() {
    Path submission = job.submit(null);

    TitoRun zero = job.prepare(submission, "--cell-timeout", "0");
    TitoRun unknown = job.prepare(submission, "--bogus");

    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err())
        .isEqualTo("tito: job prepare: --cell-timeout must be at least 1, not 0\n");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .startsWith("tito: job prepare: Unknown option: '--bogus'")
        .hasLineCount(1);
  }

  @Test
  void aMissingReleaseIsOneLineNamingIt() {
    TitoRun run =
        TitoRun.of(
            "job",
            "prepare",
            "--gradebook",
            job.gradebook.toString(),
            "--assignment",
            "m1",
            "--submission",
            job.submit(null).toString(),
            "--release",
            temp.resolve("gone").toString(),
            "--work",
            job.work.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("tito: " + temp.resolve("gone") + ": no such release folder\n");
  }
}
