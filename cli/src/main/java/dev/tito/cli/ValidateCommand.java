package dev.tito.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.course.CourseException;
import dev.tito.notebook.course.CourseModule;
import dev.tito.notebook.course.ModuleSources;
import dev.tito.notebook.course.NotebookFiles;
import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.gates.GatedModule;
import dev.tito.notebook.gates.GatedRelease;
import dev.tito.notebook.gates.ModuleNotebook;
import dev.tito.notebook.gates.QualityGates;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.reference.NotebookRuns;
import dev.tito.notebook.reference.ReferenceModule;
import dev.tito.notebook.release.ReleaseOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tito module validate}: the quality gates over notebooks, modules or module folders. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check instructor notebooks before a release: every problem that would make nbgrader's "
          + "generate_assignment fail, plus tito's course rules.",
      "Exit 0 when there are no errors (warnings allowed), 1 when a gate found errors, "
          + "2 when a path cannot be read."
    })
final class ValidateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Notebooks (.ipynb), jupytext percent modules (.py), module folders, or course folders "
              + "(every module in source/, src/ or modules/).")
  List<Path> paths;

  @Option(
      names = "--json",
      description = "Print the findings and a summary as JSON instead of a table.")
  boolean json;

  @Option(
      names = "--nbgrader",
      description = {
        "Only nbgrader's own rules: release each notebook as nbgrader generate_assignment does and report what "
            + "it rejects, which is the first problem of each notebook, as nbgrader stops there.",
        "Without it, every problem of every cell is reported, plus tito's course rules (test cells that assert "
            + "nothing, grade_ids shared between notebooks of a module, ...)."
      })
  boolean nbgraderOnly;

  @Option(
      names = "--execute",
      description = {
        "Also grade each module's reference solution with the autograder (the engine, kernel, limits and scoring of "
            + "tito module grade), solutions in place, and its student release: every autograded test must pass on "
            + "the solution (an error naming the test and its traceback's last line otherwise) and should fail on the "
            + "release (a warning: it tests nothing)."
      })
  boolean execute;

  @CommandLine.Mixin StudentCheck student;

  @CommandLine.Mixin RunOptions run;

  @CommandLine.Mixin LayoutOption layout;

  @CommandLine.Mixin AllowOption allow;

  /**
   * What one run checked (module by module, with what {@code --execute} ran), the paths that could not be read at
   * all, and what a reader should know.
   */
  private record Report(
      List<CheckedModule> checked, List<String> unreadable, List<String> notes, int notebooks) {
    List<Finding> findings() {
      return checked.stream().flatMap(module -> module.findings().stream()).toList();
    }

    /** Notebooks whose reference solution was graded. */
    long graded() {
      return checked.stream().filter(m -> m.runs() != null).mapToLong(m -> m.runs().size()).sum();
    }

    long count(Finding.Severity severity) {
      return findings().stream().filter(f -> f.severity() == severity).count();
    }
  }

  @Override
  public Integer call() throws Exception {
    run.onlyWhen(
        spec.commandLine(),
        execute || student.enabled,
        "--execute or --student runs notebooks: give one of them too");
    if (student.enabled) {
      return student.run(
          paths, run.timeout, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    if (execute && nbgraderOnly) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--execute runs tito's gates and the autograder; --nbgrader checks only what nbgrader rejects: give one");
    }
    Report report =
        check(
            nbgraderOnly
                ? new NbgraderCheck()
                : new CourseCheck(new QualityGates(ReleaseOptions.defaults(), allow.rules())));
    if (execute) {
      report = executed(report);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      // made here, not in a static field: every tito command (a grading Job's steps too) builds
      // this class
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(toJson(report)));
    } else {
      PrintWriter err = spec.commandLine().getErr();
      report.unreadable().forEach(message -> err.println("tito: " + message));
      err.flush();
      report.notes().forEach(note -> out.println("note: " + note));
      if (execute) {
        CheckedModule.printRuns(report.checked(), out);
      }
      printTable(report, out);
    }
    out.flush();
    if (!report.unreadable().isEmpty()) {
      return UserErrorHandler.USAGE_OR_IO;
    }
    return report.count(Finding.Severity.ERROR) > 0 ? 1 : 0;
  }

  /** Which rules a run applies: tito's quality gates, or only what nbgrader itself rejects. */
  interface Check {
    /** The notebook's findings and the release made for them (null where this check makes none). */
    GatedRelease notebook(ModuleNotebook notebook);

    GatedModule module(List<ModuleNotebook> notebooks);

    /** How this check reads a file: with tito's in-memory metadata upgrade, or as nbgrader reads it. */
    default NotebookFiles.ReadNotebook read(Path file) {
      return NotebookFiles.readWithUpgrades(file);
    }
  }

  /** tito's quality gates: every problem, and the course rules. */
  private record CourseCheck(QualityGates gates) implements Check {
    @Override
    public GatedRelease notebook(ModuleNotebook notebook) {
      return gates.checkAndRelease(notebook);
    }

    @Override
    public GatedModule module(List<ModuleNotebook> notebooks) {
      return gates.checkModule(notebooks);
    }
  }

  private Report check(Check gates) {
    List<CheckedModule> checked = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int notebooks = 0;
    for (Path path : paths) {
      try {
        if (Files.isDirectory(path)) {
          for (CourseModule module : modulesIn(path)) {
            ModuleSources sources = module.sources();
            notes.addAll(sources.notes());
            List<Finding> upgrades = new ArrayList<>();
            List<ModuleNotebook> read = readModule(gates, sources, unreadable, upgrades);
            notebooks += read.size();
            checked.add(CheckedModule.of(module, sources, read, gates.module(read), upgrades));
          }
        } else {
          NotebookFiles.ReadNotebook read = gates.read(path);
          notebooks++;
          ModuleNotebook notebook = read.moduleNotebook(path);
          checked.add(
              CheckedModule.of(
                  notebook,
                  gates.notebook(notebook),
                  read.upgradeWarnings(path, ShellWords.program())));
        }
      } catch (NotebookFormatException | CourseException e) {
        unreadable.add(UserErrorHandler.oneLine(e.getMessage()));
      }
    }
    return new Report(checked, unreadable, notes, notebooks);
  }

  /** The report with every runnable module's reference solution and release graded, and what that found. */
  private Report executed(Report report) {
    List<CheckedModule> runnable =
        report.checked().stream().filter(CheckedModule::runnable).toList();
    List<String> notes = new ArrayList<>(report.notes());
    report.checked().stream()
        .filter(module -> !module.runnable())
        .forEach(
            module ->
                notes.add(
                    module.name()
                        + ": --execute ran nothing: its notebooks could not all be read and released (see its errors)"));
    if (runnable.isEmpty()) {
      return new Report(report.checked(), report.unreadable(), notes, report.notebooks());
    }
    List<List<NotebookRuns>> runs;
    try (ReferenceGate gate = new ReferenceGate(run.limits(spec.commandLine()), run.parallel)) {
      Progress progress =
          new Progress(
              spec.commandLine().getErr(),
              runnable.size() > 1,
              Progress.onTerminal(),
              runnable.size());
      try {
        runs =
            gate.run(
                runnable.stream().map(CheckedModule::reference).toList(),
                true,
                new ModulePool.Listener<>() {
                  @Override
                  public void waiting(int index, ReferenceModule module) {
                    progress.starting(index, module.name());
                  }

                  @Override
                  public void done(int index, List<NotebookRuns> ran) {
                    progress.finished(
                        index, runnable.get(index).name(), CheckedModule.describe(ran));
                  }
                });
      } finally {
        progress.close();
      }
      List<CheckedModule> checked = new ArrayList<>();
      for (CheckedModule module : report.checked()) {
        checked.add(
            module.runnable() ? module.ran(runs.get(runnable.indexOf(module)), gate) : module);
      }
      return new Report(checked, report.unreadable(), notes, report.notebooks());
    }
  }

  /** A module folder is one module; a course folder is all of its modules. */
  private List<CourseModule> modulesIn(Path dir) {
    CourseModule folder = CourseModule.inFolder(dir);
    ModuleSources sources = folder.sources();
    if (!sources.notebooks().isEmpty() || !sources.problems().isEmpty()) {
      return List.of(folder);
    }
    List<CourseModule> course = layout.open(dir).modules();
    if (course.isEmpty()) {
      throw new CourseException(
          dir
              + ": no notebooks in this folder (.ipynb, or jupytext .py with nbgrader cells), "
              + "and no course modules in it (source/, modules/ or src/)");
    }
    return course;
  }

  private static List<ModuleNotebook> readModule(
      Check gates, ModuleSources sources, List<String> unreadable, List<Finding> upgrades) {
    List<ModuleNotebook> notebooks = new ArrayList<>();
    for (Path file : sources.notebooks()) {
      try {
        NotebookFiles.ReadNotebook read = gates.read(file);
        upgrades.addAll(read.upgradeWarnings(file, ShellWords.program()));
        notebooks.add(read.moduleNotebook(file));
      } catch (NotebookFormatException e) {
        unreadable.add(UserErrorHandler.oneLine(e.getMessage()));
      }
    }
    return notebooks;
  }

  private static void printTable(Report report, PrintWriter out) {
    if (!report.findings().isEmpty()) {
      AlignedTable table =
          new AlignedTable("SEVERITY", "FILE", "CELL", "GRADE_ID", "LINE", "MESSAGE")
              .alignRight(2)
              .alignRight(4);
      for (Finding finding : report.findings()) {
        table.add(
            finding.severity().name().toLowerCase(),
            String.valueOf(finding.file()),
            text(finding.cellIndex()),
            finding.gradeId() == null ? "" : finding.gradeId(),
            text(finding.shownLine()),
            UserErrorHandler.oneLine(finding.message()));
      }
      table.print(out);
    }
    out.println(summary(report));
  }

  private static String summary(Report report) {
    long errors = report.count(Finding.Severity.ERROR);
    long warnings = report.count(Finding.Severity.WARNING);
    int unreadable = report.unreadable().size();
    if (report.notebooks() == 0 && unreadable > 0) {
      return "nothing checked: " + plural(unreadable, "path") + " could not be read";
    }
    long graded = report.graded();
    String checked =
        plural(report.notebooks(), "notebook")
            + " checked"
            + (graded == 0 ? "" : ", " + plural(graded, "reference solution") + " graded");
    // "no problems" only when everything named could be read
    String found =
        errors == 0 && warnings == 0 && unreadable == 0
            ? "no problems"
            : plural(errors, "error") + ", " + plural(warnings, "warning");
    return checked + ": " + found + (unreadable == 0 ? "" : ", " + unreadable + " unreadable");
  }

  private static ObjectNode toJson(Report report) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode findings = root.putArray("findings");
    for (Finding finding : report.findings()) {
      ObjectNode node = findings.addObject();
      node.put("severity", finding.severity().name().toLowerCase());
      node.put("file", String.valueOf(finding.file()));
      node.put("cell", finding.cellIndex());
      node.put("grade_id", finding.gradeId());
      node.put("line", finding.line());
      node.put("file_line", finding.fileLine());
      node.put("rule", finding.rule());
      node.put("message", finding.message());
    }
    CheckedModule.putRuns(report.checked(), root.putArray("executed"));
    ArrayNode notes = root.putArray("notes");
    report.notes().forEach(notes::add);
    ArrayNode unreadable = root.putArray("unreadable");
    report.unreadable().forEach(unreadable::add);
    ObjectNode summary = root.putObject("summary");
    summary.put("notebooks", report.notebooks());
    summary.put("executed", report.graded());
    summary.put("errors", report.count(Finding.Severity.ERROR));
    summary.put("warnings", report.count(Finding.Severity.WARNING));
    summary.put("unreadable", report.unreadable().size());
    return root;
  }

  private static String text(Integer value) {
    return value == null ? "" : value.toString();
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
