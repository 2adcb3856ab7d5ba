package dev.tito.cli;

import dev.tito.notebook.course.Course;
import dev.tito.notebook.course.CourseException;
import dev.tito.notebook.course.CourseModule;
import dev.tito.notebook.course.NotebookFiles;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.PythonFloat;
import dev.tito.notebook.release.ModuleRelease;
import dev.tito.notebook.release.ModuleReleaseResult;
import dev.tito.notebook.release.ReleaseOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
        "Exit 0 when every module was released, 1 when a module failed, 2 on a usage or I/O error."})
final class ReleaseCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "MODULE", description = "The module to release (a folder name).")
  String module;

  @Option(names = "--all", description = "Release every module of the course; one failing does not stop the others.")
  boolean all;

  @Option(names = "--student", required = true,
      description = "Make the student version (the only kind of release there is; required so the intent is explicit).")
  boolean student;

  @Option(names = "--course", paramLabel = "DIR", defaultValue = ".",
      description = "The course folder: nbgrader's source/<module>/ or TinyTorch's src/NN_name/ inside (default: ${DEFAULT-VALUE}).")
  Path courseDir;

  /** How one module's release ended. */
  private enum Status { RELEASED, FAILED, IO_ERROR }

  private record Row(CourseModule module, int notebooks, Status status, Double maxPoints, double seconds) {}

  @Override
  public Integer call() {
    if (all == (module != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          all ? "Give either a MODULE or --all, not both" : "Missing MODULE (or --all for every module)");
    }
    Course course = Course.open(courseDir);
    List<CourseModule> modules = all ? course.modules() : List.of(course.requireModule(module));
    if (modules.isEmpty()) {
      throw new CourseException(courseDir + ": no modules (looked for source/<module>/, src/NN_name/NN_name.py "
          + "and modules/NN_name/*_dev.py)");
    }
    PrintWriter err = spec.commandLine().getErr();
    ReleaseProgress progress = new ReleaseProgress(err, all, ReleaseProgress.onTerminal(), modules.size());
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < modules.size(); i++) {
      progress.starting(i, modules.get(i).name());
      Row row = release(course, modules.get(i), progress);
      rows.add(row);
      progress.finished(i, row.module().name(), describe(row));
    }
    progress.close();
    printSummary(rows, spec.commandLine().getOut());
    if (rows.stream().anyMatch(row -> row.status() == Status.IO_ERROR)) {
      return UserErrorHandler.USAGE_OR_IO;
    }
    return rows.stream().anyMatch(row -> row.status() == Status.FAILED) ? 1 : 0;
  }

  private static Row release(Course course, CourseModule module, ReleaseProgress progress) {
    long start = System.nanoTime();
    int notebooks = 0;
    try {
      notebooks = module.notebooks().size();
      Path releaseDir = course.releaseDir(module.name());
      requireFolderOrAbsent(releaseDir.getParent());
      requireFolderOrAbsent(releaseDir);
      ModuleReleaseResult result = new ModuleRelease(NotebookFiles::read, module::isNotebook)
          .release(module.sourceDir(), releaseDir, course.gradebookFile(module.name()), module.name(),
              ReleaseOptions.defaults());
      boolean unreadable = false;
      for (ModuleReleaseResult.NotebookError error : result.errors()) {
        progress.message("tito: " + UserErrorHandler.oneLine(error.describe()));
        unreadable |= "read".equals(error.step());
      }
      Status status = result.ok() ? Status.RELEASED : unreadable ? Status.IO_ERROR : Status.FAILED;
      return new Row(module, notebooks, status, result.ok() ? maxPoints(result.gradebook()) : null, seconds(start));
    } catch (NotebookFormatException | CourseException e) {
      progress.message("tito: " + UserErrorHandler.oneLine(e.getMessage()));
      return new Row(module, notebooks, Status.IO_ERROR, null, seconds(start));
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
