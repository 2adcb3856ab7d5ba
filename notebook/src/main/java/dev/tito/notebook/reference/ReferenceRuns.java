package dev.tito.notebook.reference;

import dev.tito.notebook.autograde.AutogradedNotebook;
import dev.tito.notebook.autograde.NotebookAutograder;
import dev.tito.notebook.execute.DataFiles;
import dev.tito.notebook.gates.ModuleNotebook;
import dev.tito.notebook.ipynb.FolderSwap;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.release.ReleasedNotebook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Grades a module's reference solution, and optionally its student release, with the autograder {@code tito module
 * grade} uses (same engine, kernel, limits and scoring): each notebook as a submission, with the module's data files
 * beside it. The data files are staged in a temporary folder, deleted afterwards; nothing is written to the course.
 */
public final class ReferenceRuns {
  private final NotebookAutograder autograder;

  public ReferenceRuns(NotebookAutograder autograder) {
    this.autograder = autograder;
  }

  /** @param withRelease also grade each notebook's student release (the "tests nothing" check) */
  public List<NotebookRuns> run(ReferenceModule module, boolean withRelease) {
    Path data = stageDataFiles(module);
    try {
      List<NotebookRuns> runs = new ArrayList<>();
      for (ModuleNotebook notebook : module.notebooks()) {
        ReleasedNotebook release = module.releases().get(notebook.file());
        String name = ReferenceModule.releasedName(notebook.file());
        long start = System.nanoTime();
        AutogradedNotebook solution = grade(name, notebook.notebook(), release, data);
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        runs.add(
            new NotebookRuns(
                notebook,
                solution,
                time,
                withRelease ? grade(name, release.student(), release, data) : null));
      }
      return runs;
    } finally {
      FolderSwap.deleteTree(data);
    }
  }

  private AutogradedNotebook grade(
      String name, Notebook submission, ReleasedNotebook release, Path data) {
    return autograder.grade(name, submission, release.gradebookRows(), List.of(data), true);
  }

  /** The module folder's files without its notebooks, as {@code tito module grade} hands them to a run. */
  private static Path stageDataFiles(ReferenceModule module) {
    try {
      Path staging =
          Files.createTempDirectory(
              "tito-reference-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      DataFiles.copy(
          module.folder(),
          staging,
          file -> file.getParent().equals(module.folder()) && module.sources().contains(file));
      return staging;
    } catch (IOException e) {
      throw new UncheckedIOException(
          module.folder() + ": cannot stage the module's data files: " + e.getMessage(), e);
    }
  }
}
