package dev.tito.cli;

import dev.tito.notebook.course.Course;
import dev.tito.notebook.course.CourseException;
import dev.tito.notebook.course.CourseModule;
import dev.tito.notebook.course.ModuleSources;
import dev.tito.notebook.course.NotebookFiles;
import dev.tito.notebook.gates.QualityGates;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.PythonFloat;
import dev.tito.notebook.release.ModuleRelease;
import dev.tito.notebook.release.ModuleReleaseResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        "Exit 0 when every module was released, 1 when a module failed, 2 on a usage or I/O error."})
final class ReleaseCommand implements Callable<Integer> {
  /** Release refuses what validate calls an error (e.g. a task cell autograde could not score). */
  /** Built on first use: every tito command (a grading Job's steps too) builds this class. */
  private static final class Gates {
    static final QualityGates INSTANCE = new QualityGates();
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "MODULE", description = "The module to release (a folder name).")
  String module;

  @Option(names = "--all", description = "Release every module of the course; one failing does not stop the others.")
  boolean all;

  @Option(names = "--student", required = true,
      description = "Make the student version (the only kind of release there is; required so the intent is explicit).")
  boolean student;

  @Option(names = "--course", paramLabel = "DIR", defaultValue = ".",
      description = "The course folder: nbgrader's source/<module>/ or TinyTorch's modules/NN_name/ (or src/NN_name/) "
          + "inside (default: ${DEFAULT-VALUE}).")
  Path courseDir;

  @CommandLine.Mixin LayoutOption layout;

  /** How one module's release ended. */
  private enum Status { RELEASED, FAILED, IO_ERROR }

  /** One module's outcome, with the error lines to print for it. */
  private record Row(CourseModule module, int notebooks, Status status, Double maxPoints, double seconds,
      List<String> errors) {}

  @Override
  public Integer call() {
    if (all == (module != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          all ? "Give either a MODULE or --all, not both" : "Missing MODULE (or --all for every module)");
    }
    Course course = layout.open(courseDir);
    List<CourseModule> modules = all ? course.modules() : List.of(course.requireModule(module));
    if (modules.isEmpty()) {
      throw new CourseException(courseDir + ": no modules (looked for source/<module>/*.ipynb, "
          + "modules/NN_name/name.py and src/NN_name/NN_name.py)");
    }
    PrintWriter err = spec.commandLine().getErr();
    ReleaseProgress progress = new ReleaseProgress(err, all, ReleaseProgress.onTerminal(), modules.size());
    List<Row> rows = new ArrayList<>();
    // modules are independent (own folders, own gradebook file): release them on every core
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.min(modules.size(), Runtime.getRuntime().availableProcessors()), ReleaseCommand::daemon);
    try {
      List<Future<Row>> pending = modules.stream().map(m -> pool.submit(() -> release(course, m))).toList();
      for (int i = 0; i < modules.size(); i++) {
        progress.starting(i, modules.get(i).name());
        Row row = outcome(pending.get(i));
        row.errors().forEach(progress::message);
        rows.add(row);
        progress.finished(i, row.module().name(), describe(row));
      }
    } finally {
      pool.shutdownNow();
      progress.close();
    }
    printSummary(rows, spec.commandLine().getOut());
    if (rows.stream().anyMatch(row -> row.status() == Status.IO_ERROR)) {
      return UserErrorHandler.USAGE_OR_IO;
    }
    return rows.stream().anyMatch(row -> row.status() == Status.FAILED) ? 1 : 0;
  }

  private static Thread daemon(Runnable work) {
    Thread thread = new Thread(work, "tito-release");
    thread.setDaemon(true);
    return thread;
  }

  /** Waits for a module's release; an unexpected error is rethrown as itself for the error handler. */
  private static Row outcome(Future<Row> release) {
    try {
      return release.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Row release(Course course, CourseModule module) {
    long start = System.nanoTime();
    int notebooks = 0;
    List<String> errors = new ArrayList<>();
    try {
      ModuleSources sources = module.sources();
      notebooks = sources.notebooks().size();
      if (!sources.problems().isEmpty()) {
        sources.problems().forEach(problem -> errors.add("tito: " + UserErrorHandler.oneLine(problem.describe())));
        return new Row(module, notebooks, Status.FAILED, null, seconds(start), errors);
      }
      Path releaseDir = course.releaseDir(module.name());
      requireFolderOrAbsent(releaseDir.getParent());
      requireFolderOrAbsent(releaseDir);
      ModuleReleaseResult result = new ModuleRelease(NotebookFiles::read, sources.notebooks()::contains)
          .release(module.sourceDir(), releaseDir, course.gradebookFile(module.name()), module.name(),
              Gates.INSTANCE.releaser());
      boolean unreadable = false;
      for (ModuleReleaseResult.NotebookError error : result.errors()) {
        errors.add("tito: " + UserErrorHandler.oneLine(error.describe()));
        unreadable |= "read".equals(error.step());
      }
      Status status = result.ok() ? Status.RELEASED : unreadable ? Status.IO_ERROR : Status.FAILED;
      return new Row(module, notebooks, status, result.ok() ? maxPoints(result.gradebook()) : null, seconds(start),
          errors);
    } catch (NotebookFormatException | CourseException e) {
      errors.add("tito: " + UserErrorHandler.oneLine(e.getMessage()));
      return new Row(module, notebooks, Status.IO_ERROR, null, seconds(start), errors);
    }
  }

  /** A release folder that is a file would be replaced by the release: refuse instead. */
  private static void requireFolderOrAbsent(Path dir) {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
      throw new CourseException(dir + ": exists and is not a folder; the release is written to a folder there");
    }
  }

  /** nbgrader's assignment max score: every grade cell's and task cell's points. */
  private static double maxPoints(ReleaseGradebook gradebook) {
    double total = 0;
    for (ReleaseGradebook.NotebookRows rows : gradebook.notebooks().values()) {
      total += rows.gradeCells().values().stream().mapToDouble(ReleaseGradebook.GradeCell::maxScore).sum();
      total += rows.taskCells().values().stream().mapToDouble(ReleaseGradebook.GradeCell::maxScore).sum();
    }
    return total;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static String describe(Row row) {
    return switch (row.status()) {
      case RELEASED -> "released, " + row.notebooks() + " notebook" + (row.notebooks() == 1 ? "" : "s")
          + ", " + PythonFloat.repr(row.maxPoints()) + " points";
      case FAILED -> "failed";
      case IO_ERROR -> "I/O error";
    };
  }

  private static void printSummary(List<Row> rows, PrintWriter out) {
    AlignedTable table = new AlignedTable("MODULE", "NOTEBOOKS", "STATUS", "MAX POINTS", "TIME")
        .alignRight(1).alignRight(3).alignRight(4);
    for (Row row : rows) {
      table.add(row.module().name(), String.valueOf(row.notebooks()),
          row.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
          row.maxPoints() == null ? "-" : PythonFloat.repr(row.maxPoints()),
          String.format(Locale.ROOT, "%.2f s", row.seconds()));
    }
    table.print(out);
    long released = rows.stream().filter(row -> row.status() == Status.RELEASED).count();
    out.println(released + " of " + rows.size() + " module" + (rows.size() == 1 ? "" : "s") + " released");
    out.flush();
  }
}
