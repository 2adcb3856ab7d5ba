package dev.tito.cli;

import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.gates.QualityGates;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tito module validate}: an instructor's quality gates on source notebooks, or with
 * {@code --student} nbgrader's validate of a student's own notebook (changed tests, failing tests).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check notebooks. Without --student: the release's quality gates on instructor sources.",
        "With --student: run the notebook as autograde would and report changed or failing tests (nbgrader validate).",
        "Exit codes: 0 ok, 1 findings or failing tests, 2 usage, I/O or invalid metadata."})
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "NOTEBOOK", description = "notebooks to check")
  List<Path> notebooks;

  @Option(names = "--student", description = "check a student's notebook (nbgrader validate)")
  boolean student;

  @Option(names = "--invert", description = "with --student: list the cells that pass")
  boolean invert;

  @Option(names = "--ignore-checksums", description = "with --student: do not report changed test cells")
  boolean ignoreChecksums;

  @Option(names = "--validate-all", description = "with --student: also report errors in cells that are not graded")
  boolean validateAll;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "with --student: per-cell timeout (default: ${DEFAULT-VALUE})")
  long timeout = 30;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int worst = 0;
    for (Path file : notebooks) {
      Notebook notebook;
      try {
        notebook = NotebookReader.read(file);
      } catch (NotebookFormatException e) {
        err.println("tito: " + e.getMessage());
        worst = 2;
        continue;
      }
      worst = Math.max(worst, student ? validateStudent(file, notebook, out, err) : gates(file, notebook, out));
    }
    out.flush();
    return worst;
  }

  private int gates(Path file, Notebook notebook, PrintWriter out) {
    List<Finding> findings = new QualityGates().check(file, notebook);
    findings.forEach(f -> out.println(f.describe()));
    return findings.stream().anyMatch(Finding::isError) ? 1 : 0;
  }

  private int validateStudent(Path file, Notebook notebook, PrintWriter out, PrintWriter err) {
    StudentValidation validation = new StudentValidation(new LocalJupyterExecutor(),
        ExecutionLimits.defaults().withPerCellTimeout(Duration.ofSeconds(timeout)));
    String name = file.getFileName().toString();
    Path folder = file.toAbsolutePath().getParent();
    try {
      ValidationReport report = validation.validate(name, notebook, folder,
          new ValidationOptions(invert, ignoreChecksums, validateAll));
      out.print(ValidationText.render(report, invert));
      return report.ok(invert) ? 0 : 1;
    } catch (MetadataValidationException | SchemaVersionException e) {
      err.println("tito: " + ValidationText.fatalError(file.toString(), e).strip().replace("\n\n", ": ") + " ("
          + e.getMessage() + ")");
      return 2;
    } catch (ValidationRunException e) {
      err.println("tito: " + e.getMessage());
      return 1;
    }
  }
}
