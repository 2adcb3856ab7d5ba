package dev.tito.cli.job;

import dev.tito.notebook.autograde.SanitizedNotebook;
import dev.tito.notebook.execute.DataFiles;
import dev.tito.notebook.execute.ExecutionPurpose;
import dev.tito.notebook.execute.GradingConfig;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.AtomicFiles;
import dev.tito.notebook.ipynb.FolderSwap;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tito job prepare}, the grading Job's first init container: each notebook the student handed in,
 * sanitised from the gradebook rows alone, with the data files beside it (the release's win over the student's),
 * and tito's nbconvert settings, ready for the execute container.
 */
@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    description = {
      "Write <work>/prepared/<nb>.ipynb (sanitised), the data files, <work>/grading_config.py, "
          + "<work>/home and <work>/executed for the execute container.",
      "Exit 0 done, 2 I/O error or bad flags."
    })
final class PrepareStep implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GradingMounts mounts;

  @Option(
      names = "--release",
      required = true,
      paramLabel = "DIR",
      description = "the student release's files")
  Path release;

  @Option(
      names = "--cell-timeout",
      paramLabel = "SECONDS",
      description = "per-cell timeout (default: ${DEFAULT-VALUE})")
  long cellTimeout = 30;

  @Override
  public Integer call() throws IOException {
    if (cellTimeout < 1) {
      throw new ParameterException(
          spec.commandLine(), "--cell-timeout must be at least 1, not " + cellTimeout);
    }
    ReleaseGradebook gradebook = mounts.gradebook();
    MountedFiles submitted = MountedFiles.read(mounts.submission);
    MountedFiles released = MountedFiles.read(JobInputs.folder(release, "release"));
    List<String> report = new ArrayList<>();
    Path work = mounts.work;
    Path prepared = work.resolve("prepared");
    try {
      FolderSwap.replace(
              prepared,
              staging -> {
                writeDataFiles(submitted, staging);
                writeDataFiles(released, staging);
                gradebook
                    .notebooks()
                    .forEach((name, rows) -> report.add(prepare(name, rows, staging)));
              })
          .commit();
      GroupAccess.grantTree(prepared);
      AtomicFiles.write(
          work.resolve("grading_config.py"),
          GradingConfig.text(Duration.ofSeconds(cellTimeout), ExecutionPurpose.AUTOGRADE)
              .getBytes(StandardCharsets.UTF_8));
      GroupAccess.grant(work.resolve("grading_config.py"));
      GroupAccess.createFolders(work.resolve("home"));
      GroupAccess.createFolders(work.resolve("executed"));
    } catch (IOException | NotebookFormatException e) {
      throw JobInputs.failure(work + ": cannot write: " + e.getMessage());
    }
    spec.commandLine()
        .getOut()
        .println("tito: prepared " + mounts.assignment + ": " + String.join(", ", report));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static void writeDataFiles(MountedFiles files, Path staging) throws IOException {
    for (String path : files.paths()) {
      if (DataFiles.isDataFile(path)) {
        Path target = staging.resolve(path);
        Files.createDirectories(target.getParent());
        Files.write(target, files.bytes(path));
      }
    }
  }

  /** One notebook, as the local autograde sends it to the kernel; what cannot be run is left for score to report. */
  private String prepare(String name, ReleaseGradebook.NotebookRows rows, Path staging) {
    Path file = mounts.submission.resolve(name + ".ipynb");
    if (!Files.isRegularFile(file)) {
      return name + ".ipynb not handed in";
    }
    Notebook notebook;
    try {
      notebook = NotebookReader.read(file);
    } catch (NotebookFormatException e) {
      return name + ".ipynb unreadable";
    }
    SanitizedNotebook sanitized = SanitizedNotebook.of(notebook, rows, false);
    if (sanitized.invalidMetadata() != null) {
      return name + ".ipynb invalid";
    }
    try {
      Files.write(staging.resolve(name + ".ipynb"), NotebookWriter.toBytes(sanitized.notebook()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          staging.resolve(name + ".ipynb") + ": cannot write: " + e.getMessage(), e);
    }
    return name + ".ipynb";
  }
}
