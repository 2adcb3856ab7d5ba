package dev.tito.cli;

import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.LocalJupyter;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.metadata.MetadataValidationException;
import dev.tito.notebook.metadata.SchemaVersionException;
import dev.tito.notebook.validate.StudentValidation;
import dev.tito.notebook.validate.ValidationOptions;
import dev.tito.notebook.validate.ValidationReport;
import dev.tito.notebook.validate.ValidationRunException;
import dev.tito.notebook.validate.ValidationText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code tito module validate --student}: nbgrader's validate of a student's own notebook — run it as
 * autograde would and report changed cell types, changed test cells, or failing tests (nbgrader's texts).
 * Exit 0 when the notebook would get full automatic credit, 1 otherwise, 2 for unreadable files or metadata.
 */
final class StudentCheck {
  @Option(
      names = "--student",
      description =
          "Check a student's notebook: run it and report changed or failing tests "
              + "(nbgrader validate).")
  boolean enabled;

  @Option(names = "--invert", description = "With --student: list the cells that pass.")
  boolean invert;

  @Option(
      names = "--ignore-checksums",
      description = "With --student: do not report changed test cells.")
  boolean ignoreChecksums;

  @Option(
      names = "--validate-all",
      description = "With --student: also report errors in cells that are not graded.")
  boolean validateAll;

  /** @param timeout the per-cell timeout in seconds (validate's {@code --timeout}) */
  int run(List<Path> notebooks, long timeout, PrintWriter out, PrintWriter err) {
    if (timeout < 1) {
      err.println("tito: --timeout must be at least 1");
      return UserErrorHandler.USAGE_OR_IO;
    }
    LocalJupyter.require(LocalJupyter.python(System.getenv()));
    int worst = 0;
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor()) {
      StudentValidation validation =
          new StudentValidation(
              executor, ExecutionLimits.defaults().withPerCellTimeout(Duration.ofSeconds(timeout)));
      for (Path file : notebooks) {
        worst = Math.max(worst, validate(validation, file, out, err));
      }
    }
    out.flush();
    err.flush();
    return worst;
  }

  private int validate(StudentValidation validation, Path file, PrintWriter out, PrintWriter err) {
    Notebook notebook;
    try {
      notebook = NotebookReader.read(file);
    } catch (NotebookFormatException e) {
      err.println("tito: " + e.getMessage());
      return UserErrorHandler.USAGE_OR_IO;
    }
    Path folder = file.toAbsolutePath().getParent();
    try {
      ValidationReport report =
          validation.validate(
              file.getFileName().toString(),
              notebook,
              folder,
              new ValidationOptions(invert, ignoreChecksums, validateAll));
      out.print(ValidationText.render(report, invert));
      return report.ok(invert) ? 0 : 1;
    } catch (MetadataValidationException | SchemaVersionException e) {
      err.println(
          "tito: "
              + UserErrorHandler.oneLine(ValidationText.fatalError(file.toString(), e))
              + ": "
              + e.getMessage());
      return UserErrorHandler.USAGE_OR_IO;
    } catch (ValidationRunException e) {
      err.println("tito: " + e.getMessage());
      return 1;
    }
  }
}
