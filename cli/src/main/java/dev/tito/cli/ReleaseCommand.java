package dev.tito.cli;

import dev.tito.notebook.course.Course;
import dev.tito.notebook.course.CourseException;
import dev.tito.notebook.course.CourseModule;
import dev.tito.notebook.course.GatedModuleRelease;
import dev.tito.notebook.course.GatedModuleRelease.Outcome;
import dev.tito.notebook.gates.QualityGates;
import dev.tito.notebook.ipynb.PythonFloat;
import dev.tito.notebook.reference.ReferenceFindings;
import dev.tito.notebook.release.ReleaseOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tito module release}: the student version of one module, or of all of them. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = {
      "Release modules for students as nbgrader's generate_assignment does: solutions replaced by stubs, "
          + "hidden tests and mark schemes removed, test cells locked and checksummed.",
      "Writes <course>/release/<module>/ and the gradebook rows autograde needs to <course>/.tito/<module>.json. "
          + "A module's previous release is replaced only when all its notebooks release.",
      "A module is refused when a quality gate finds an error (as tito module validate reports it), e.g. a solution "
          + "cell replaced whole whose names later cells read, tests replaced by a stub, or a release worth 0 points.",
      "Exit 0 when every module was released, 1 when a module was refused, 2 on a usage or I/O error."
    })
final class ReleaseCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "MODULE",
      description = "The module to release (a folder name).")
  String module;

  @Option(
      names = "--all",
      description = "Release every module of the course; one failing does not stop the others.")
  boolean all;

  @Option(
      names = "--student",
      required = true,
      description =
          "Make the student version (the only kind of release there is; required so the intent is explicit).")
  boolean student;

  @Option(
      names = "--course",
      paramLabel = "DIR",
      defaultValue = ".",
      description =
          "The course folder: nbgrader's source/<module>/ or TinyTorch's modules/NN_name/ (or src/NN_name/) "
              + "inside (default: ${DEFAULT-VALUE}).")
  Path courseDir;

  @CommandLine.Mixin LayoutOption layout;

  @CommandLine.Mixin AllowOption allow;

  @Option(
      names = "--execute",
      description = {
        "Also grade each module's reference solution before releasing it (tito module validate --execute): a module "
            + "whose solution fails one of its own autograded tests is refused; a test that passes on the release "
            + "without a solution is a warning."
      })
  boolean execute;

  @CommandLine.Mixin RunOptions run;

  /** One module's outcome and how long it took. */
  private record Row(CourseModule module, GatedModuleRelease.Result result, double seconds) {
    boolean released() {
      return result.outcome() == Outcome.RELEASED
          || result.outcome() == Outcome.RELEASED_WITH_WARNINGS;
    }
  }

  @Override
  public Integer call() {
    if (all == (module != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          all
              ? "Give either a MODULE or --all, not both"
              : "Missing MODULE (or --all for every module)");
    }
    run.onlyWhen(
        spec.commandLine(),
        execute,
        "--execute grades the reference solutions: give --execute too");
    Course course = layout.open(courseDir);
    List<CourseModule> modules = all ? course.modules() : List.of(course.requireModule(module));
    if (modules.isEmpty()) {
      throw new CourseException(
          courseDir
              + ": no modules (looked for source/<module>/*.ipynb, "
              + "modules/NN_name/name.py and src/NN_name/NN_name.py)");
    }
    try (ReferenceGate reference =
        execute ? new ReferenceGate(run.limits(spec.commandLine()), run.parallel) : null) {
      QualityGates gates = new QualityGates(ReleaseOptions.defaults(), allow.rules());
      GatedModuleRelease releaser =
          reference == null
              ? new GatedModuleRelease(gates)
              : new GatedModuleRelease(gates, reference.beforePublishing());
      List<Row> rows = releaseAll(course, modules, releaser);
      printSummary(rows, spec.commandLine().getOut());
      if (rows.stream().anyMatch(row -> row.result().outcome() == Outcome.UNREADABLE)) {
        return UserErrorHandler.USAGE_OR_IO;
      }
      return rows.stream().allMatch(Row::released) ? 0 : 1;
    }
  }

  private List<Row> releaseAll(
      Course course, List<CourseModule> modules, GatedModuleRelease releaser) {
    Progress progress =
        new Progress(spec.commandLine().getErr(), all, Progress.onTerminal(), modules.size());
    try {
      // modules are independent (own folders, own gradebook file): release them on every core
      return ModulePool.map(
          modules,
          Runtime.getRuntime().availableProcessors(),
          m -> release(releaser, course, m),
          new ModulePool.Listener<>() {
            @Override
            public void waiting(int index, CourseModule waitedFor) {
              progress.starting(index, waitedFor.name());
            }

            @Override
            public void done(int index, Row row) {
              messages(row.result()).forEach(progress::message);
              progress.finished(index, row.module().name(), describe(row));
            }
          });
    } finally {
      progress.close();
    }
  }

  private static Row release(GatedModuleRelease releaser, Course course, CourseModule module) {
    long start = System.nanoTime();
    GatedModuleRelease.Result result = releaser.release(course, module);
    return new Row(module, result, (System.nanoTime() - start) / 1e9);
  }

  /** What to print for a module: why it was refused or unreadable, and the errors it allowed (shown, not hidden). */
  private static List<String> messages(GatedModuleRelease.Result result) {
    List<String> lines = new ArrayList<>();
    result.problems().forEach(problem -> lines.add("tito: " + UserErrorHandler.oneLine(problem)));
    result.findings().stream()
        .filter(finding -> finding.isError() || finding.rule() != null)
        .forEach(finding -> lines.add("tito: " + UserErrorHandler.oneLine(finding.describe())));
    return lines;
  }

  private static String describe(Row row) {
    GatedModuleRelease.Result result = row.result();
    return switch (result.outcome()) {
      case RELEASED, RELEASED_WITH_WARNINGS ->
          status(result)
              + ", "
              + plural(result.notebooks(), "notebook")
              + ", "
              + PythonFloat.repr(result.points())
              + " points";
      case REFUSED, UNREADABLE -> status(result);
    };
  }

  private static String status(GatedModuleRelease.Result result) {
    return switch (result.outcome()) {
      case RELEASED -> "released";
      case RELEASED_WITH_WARNINGS -> "released with " + plural(result.warnings(), "warning");
      case REFUSED ->
          result.findings().stream()
                  .anyMatch(f -> ReferenceFindings.SOLUTION_FAILS.equals(f.rule()))
              ? "refused: reference solution fails"
              : "refused";
      case UNREADABLE -> "I/O error";
    };
  }

  private void printSummary(List<Row> rows, PrintWriter out) {
    AlignedTable table =
        new AlignedTable("MODULE", "NOTEBOOKS", "STATUS", "MAX POINTS", "TIME")
            .alignRight(1)
            .alignRight(3)
            .alignRight(4);
    for (Row row : rows) {
      Double points = row.result().points();
      table.add(
          row.module().name(),
          String.valueOf(row.result().notebooks()),
          status(row.result()),
          points == null ? "-" : PythonFloat.repr(points),
          String.format(Locale.ROOT, "%.2f s", row.seconds()));
    }
    table.print(out);
    long released = rows.stream().filter(Row::released).count();
    long warned =
        rows.stream()
            .filter(row -> row.result().outcome() == Outcome.RELEASED_WITH_WARNINGS)
            .count();
    long refused = rows.stream().filter(row -> row.result().outcome() == Outcome.REFUSED).count();
    out.println(
        released
            + " of "
            + plural(rows.size(), "module")
            + " released"
            + (warned > 0 ? " (" + warned + " with warnings)" : "")
            + (refused > 0 ? ", " + refused + " refused" : ""));
    if (warned > 0 || refused > 0) {
      out.println("the findings: " + validateCommand(rows));
    }
    out.flush();
  }

  /** The validate command that lists every finding of these modules, runnable as printed. */
  private String validateCommand(List<Row> rows) {
    List<String> words = new ArrayList<>(List.of("module", "validate"));
    if (all) {
      words.add(courseDir.toString());
      if (layout.layout != null) {
        words.addAll(List.of("--layout", layout.layout.folder()));
      }
    } else {
      words.add(rows.get(0).module().sourceDir().toString());
    }
    allow.rules().forEach(rule -> words.addAll(List.of("--allow", rule)));
    if (execute) {
      // the reference solutions' findings come from grading them again, with the same limits
      words.addAll(
          List.of(
              "--execute",
              "--timeout",
              Long.toString(run.timeout),
              "--deadline",
              Long.toString(run.deadline)));
    }
    return ShellWords.command(words);
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
