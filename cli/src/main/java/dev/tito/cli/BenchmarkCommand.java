package dev.tito.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.course.Course;
import dev.tito.notebook.course.CourseException;
import dev.tito.notebook.course.CourseModule;
import dev.tito.notebook.course.GatedModuleRelease;
import dev.tito.notebook.course.ModuleSources;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.gates.QualityGates;
import dev.tito.notebook.reference.BenchmarkLimits;
import dev.tito.notebook.reference.ModuleBenchmark;
import dev.tito.notebook.reference.NotebookRuns;
import dev.tito.notebook.reference.ReferenceModule;
import dev.tito.notebook.release.ReleaseOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tito module benchmark}: each module's reference solution graded, timed and measured against limits. */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = {
      "Grade each module's reference solution (its instructor source, solutions in place) with the "
          + "autograder of tito module grade, and report per module the grading time, the slowest cell and the "
          + "kernel's peak memory (its resident set's high-water mark, VmHWM, read before the kernel is killed).",
      "A module fails when its solution does not run through, or goes over a limit: by default half the grading "
          + "limits (the --deadline for the whole module, the --timeout for one cell, the kernels' 4 GiB memory "
          + "limit), so that slower answers and a busier grader still fit.",
      "Exit 0 when every module is within its limits, 1 when one is not, 2 on a usage or I/O error."
    })
final class BenchmarkCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "MODULE",
      description = "The module to benchmark (a folder name).")
  String module;

  @Option(names = "--all", description = "Benchmark every module of the course.")
  boolean all;

  @Option(
      names = "--course",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The course folder (default: ${DEFAULT-VALUE}).")
  Path courseDir;

  @Option(names = "--json", description = "Print the results as JSON instead of a table.")
  boolean json;

  @Option(
      names = "--max-time",
      paramLabel = "SECONDS",
      description = "Most a module's grading may take (default: half the --deadline).")
  Double maxTime;

  @Option(
      names = "--max-cell-time",
      paramLabel = "SECONDS",
      description = "Most one cell may take (default: half the --timeout).")
  Double maxCellTime;

  @Option(
      names = "--max-memory",
      paramLabel = "MiB",
      description =
          "Most peak memory a module's kernel may use (default: half the 4096 MiB memory limit).")
  Long maxMemory;

  @CommandLine.Mixin LayoutOption layout;

  @CommandLine.Mixin RunOptions run;

  /** A module's benchmark, or why it was not run (its sources or release are broken). */
  private record Row(String module, ModuleBenchmark benchmark, String notRun) {
    boolean passed() {
      return benchmark != null && benchmark.passed();
    }
  }

  @Override
  public Integer call() throws Exception {
    if (all == (module != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          all
              ? "Give either a MODULE or --all, not both"
              : "Missing MODULE (or --all for every module)");
    }
    ExecutionLimits limits = run.limits(spec.commandLine());
    BenchmarkLimits thresholds = thresholds(limits);
    Course course = layout.open(courseDir);
    List<CourseModule> modules = all ? course.modules() : List.of(course.requireModule(module));
    if (modules.isEmpty()) {
      throw new CourseException(
          courseDir
              + ": no modules (looked for source/<module>/*.ipynb, "
              + "modules/NN_name/name.py and src/NN_name/NN_name.py)");
    }
    List<Row> rows = new ArrayList<>();
    List<ReferenceModule> runnable = new ArrayList<>();
    for (CourseModule each : modules) {
      String notRun = readable(each, runnable);
      rows.add(new Row(each.name(), null, notRun));
    }
    if (!runnable.isEmpty()) {
      benchmark(runnable, limits, thresholds, rows);
    }
    print(rows, thresholds);
    return rows.stream().allMatch(Row::passed) ? 0 : 1;
  }

  private BenchmarkLimits thresholds(ExecutionLimits limits) {
    BenchmarkLimits thresholds = BenchmarkLimits.derivedFrom(limits);
    if ((maxTime != null && !(maxTime > 0))
        || (maxCellTime != null && !(maxCellTime > 0))
        || (maxMemory != null && maxMemory < 1)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--max-time, --max-cell-time and --max-memory must be positive");
    }
    if (maxTime != null) {
      thresholds = thresholds.withMaxTime(Duration.ofMillis(Math.round(maxTime * 1000)));
    }
    if (maxCellTime != null) {
      thresholds = thresholds.withMaxCellTime(Duration.ofMillis(Math.round(maxCellTime * 1000)));
    }
    return maxMemory == null ? thresholds : thresholds.withMaxPeakBytes(maxMemory << 20);
  }

  /**
   * Reads and releases a module in memory (its rows are what grading needs) and adds it to {@code runnable}; or says
   * why it cannot be graded. An unreadable notebook is an I/O error, as in every command.
   */
  private static String readable(CourseModule module, List<ReferenceModule> runnable) {
    ModuleSources sources = module.sources();
    if (!sources.problems().isEmpty()) {
      return UserErrorHandler.oneLine(sources.problems().get(0).describe());
    }
    GatedModuleRelease.Gated checked =
        new GatedModuleRelease(new QualityGates(ReleaseOptions.defaults())).check(sources);
    return ReferenceModule.of(
            module.name(),
            module.sourceDir(),
            checked.notebooks(),
            checked.gated(),
            sources.notebooks())
        .map(
            reference -> {
              runnable.add(reference);
              return (String) null;
            })
        .orElseGet(
            () ->
                "a notebook cannot be released: "
                    + checked.findings().stream()
                        // the gates' own rules (stub-drops-names, ...) refuse a release they could
                        // make; the others break it
                        .filter(finding -> finding.isError() && finding.rule() == null)
                        .map(finding -> UserErrorHandler.oneLine(finding.describe()))
                        .findFirst()
                        .orElse("see tito module validate"));
  }

  private void benchmark(
      List<ReferenceModule> runnable,
      ExecutionLimits limits,
      BenchmarkLimits thresholds,
      List<Row> rows) {
    PrintWriter err = spec.commandLine().getErr();
    try (ReferenceGate gate = new ReferenceGate(limits, run.parallel)) {
      gate.warmUp();
      Progress progress =
          new Progress(err, runnable.size() > 1, Progress.onTerminal(), runnable.size());
      List<List<NotebookRuns>> runs;
      try {
        runs =
            gate.run(
                runnable,
                false,
                new ModulePool.Listener<>() {
                  @Override
                  public void waiting(int index, ReferenceModule module) {
                    progress.starting(index, module.name());
                  }

                  @Override
                  public void done(int index, List<NotebookRuns> ran) {
                    ModuleBenchmark result =
                        ModuleBenchmark.of(runnable.get(index).name(), ran, thresholds);
                    result
                        .exceeded()
                        .forEach(
                            line -> progress.message("tito: " + result.module() + ": " + line));
                    if (result.failure() != null) {
                      progress.message(
                          "tito: "
                              + result.module()
                              + ": the reference solution does not run through: "
                              + UserErrorHandler.oneLine(result.failure()));
                    }
                    progress.finished(index, result.module(), status(result));
                  }
                });
      } finally {
        progress.close();
      }
      for (int i = 0; i < runnable.size(); i++) {
        ModuleBenchmark result =
            ModuleBenchmark.of(runnable.get(i).name(), runs.get(i), thresholds);
        int at = indexOf(rows, result.module());
        rows.set(at, new Row(result.module(), result, null));
      }
    }
  }

  private static int indexOf(List<Row> rows, String module) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).module().equals(module)) {
        return i;
      }
    }
    throw new IllegalStateException("no row for " + module);
  }

  private static String status(ModuleBenchmark result) {
    if (result.failure() != null) {
      return "does not run through";
    }
    return result.exceeded().isEmpty() ? "ok" : "over " + plural(result.exceeded().size(), "limit");
  }

  private void print(List<Row> rows, BenchmarkLimits thresholds) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    rows.stream()
        .filter(row -> row.notRun() != null)
        .forEach(
            row -> err.println("tito: " + row.module() + ": not benchmarked: " + row.notRun()));
    err.flush();
    if (json) {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(toJson(rows, thresholds)));
    } else {
      AlignedTable table =
          new AlignedTable(
                  "MODULE", "TIME", "SLOWEST CELL", "CELL TIME", "PEAK MEMORY", "TESTS", "STATUS")
              .alignRight(1)
              .alignRight(3)
              .alignRight(4)
              .alignRight(5);
      for (Row row : rows) {
        ModuleBenchmark result = row.benchmark();
        if (result == null) {
          table.add(row.module(), "-", "-", "-", "-", "-", "not benchmarked");
          continue;
        }
        table.add(
            row.module(),
            seconds(result.seconds()),
            result.slowest() == null ? "-" : where(result.slowest()),
            result.slowest() == null ? "-" : seconds(result.slowest().seconds()),
            result.peakBytes() == null
                ? "-"
                : ModuleBenchmark.mebibytes(result.peakBytes()) + " MiB",
            result.testsPassed() + "/" + result.tests(),
            status(result));
      }
      table.print(out);
      long passed = rows.stream().filter(Row::passed).count();
      out.println(
          passed
              + " of "
              + plural(rows.size(), "module")
              + " within the limits ("
              + describe(thresholds)
              + ")");
    }
    out.flush();
  }

  private static String where(ModuleBenchmark.SlowestCell cell) {
    return cell.describe()
        + (cell.fileLine() == null ? "" : " " + cell.file().getFileName() + ":" + cell.fileLine());
  }

  private static String describe(BenchmarkLimits limits) {
    return "grading "
        + limit(limits.maxTime())
        + ", a cell "
        + limit(limits.maxCellTime())
        + ", memory "
        + ModuleBenchmark.mebibytes(limits.maxPeakBytes())
        + " MiB";
  }

  private static ObjectNode toJson(List<Row> rows, BenchmarkLimits limits) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putObject("limits")
        .put("max_seconds", limits.maxTime().toMillis() / 1000.0)
        .put("max_cell_seconds", limits.maxCellTime().toMillis() / 1000.0)
        .put("max_peak_bytes", limits.maxPeakBytes());
    ArrayNode modules = root.putArray("modules");
    for (Row row : rows) {
      ObjectNode node = modules.addObject().put("module", row.module());
      ModuleBenchmark result = row.benchmark();
      if (result == null) {
        node.put("status", "not_benchmarked").put("reason", row.notRun());
        continue;
      }
      node.put(
          "status",
          result.failure() != null ? "failed" : result.exceeded().isEmpty() ? "ok" : "over_limits");
      node.put("seconds", result.seconds());
      if (result.slowest() != null) {
        node.putObject("slowest_cell")
            .put("file", String.valueOf(result.slowest().file()))
            .put("cell", result.slowest().index())
            .put("grade_id", result.slowest().gradeId())
            .put("file_line", result.slowest().fileLine())
            .put("seconds", result.slowest().seconds());
      }
      node.put("kernel_peak_bytes", result.peakBytes());
      node.put("tests", result.tests()).put("tests_passed", result.testsPassed());
      node.put("failure", result.failure());
      ArrayNode exceeded = node.putArray("exceeded");
      result.exceeded().forEach(exceeded::add);
    }
    root.putObject("summary")
        .put("modules", rows.size())
        .put("passed", rows.stream().filter(Row::passed).count());
    return root;
  }

  /** {@code 300 s}, or {@code 0.25 s}: a limit as it was given. */
  private static String limit(Duration duration) {
    return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString()
        + " s";
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.2f s", value);
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
