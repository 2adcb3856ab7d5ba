package dev.tito.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tito.notebook.autograde.CourseGrading;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.LatePolicy;
import dev.tito.notebook.autograde.NotebookAutograder;
import dev.tito.notebook.autograde.SubmissionGrader;
import dev.tito.notebook.autograde.Tampering;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.ExecutionPurpose;
import dev.tito.notebook.execute.LocalJupyter;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import dev.tito.notebook.ipynb.PythonFloat;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tito module grade}: nbgrader's autograde over a course folder, with a real Jupyter kernel. */
@Command(
    name = "grade",
    mixinStandardHelpOptions = true,
    description = {
      "Autograde the submissions of a module, as nbgrader autograde does, with a real Jupyter kernel.",
      "Reads submitted/<student>/<module>/ and writes autograded/<student>/<module>/, "
          + "feedback/<student>/<module>/ and .tito/grades/<module>/<student>.json. Needs the module's release "
          + "(.tito/<module>.json, written by tito module release).",
      "Exit codes: 0 all graded, 1 some submission failed to run or grade, 2 usage or I/O error."
    })
public final class GradeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODULE", description = "the module (assignment) to grade")
  String module;

  @Option(
      names = "--course",
      paramLabel = "DIR",
      description = "course root (default: current directory)")
  Path course = Path.of(".");

  @Option(names = "--student", paramLabel = "ID", description = "grade only this student")
  String student;

  @picocli.CommandLine.Mixin LayoutOption layout;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "submissions graded at once (default: ${DEFAULT-VALUE})")
  int parallel = 1;

  @Option(names = "--json", description = "print the results as JSON instead of a table")
  boolean json;

  @Option(
      names = "--no-execute",
      description = "grade the outputs saved in the submissions without running them")
  boolean noExecute;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "per-cell timeout (default: ${DEFAULT-VALUE})")
  long timeout = 30;

  @Option(
      names = "--deadline",
      paramLabel = "SECONDS",
      description = "wall time per notebook (default: ${DEFAULT-VALUE})")
  long deadline = 600;

  @Option(
      names = "--late-policy",
      paramLabel = "none|zero",
      description = "penalty for late work (default: none)")
  String latePolicy = "none";

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    LatePolicy policy = policy(err);
    if (policy == null) {
      return UserErrorHandler.USAGE_OR_IO;
    }
    CourseGrading grading;
    try {
      grading = new CourseGrading(course, module, layout.layout);
    } catch (IllegalArgumentException e) {
      err.println("tito: " + e.getMessage());
      return UserErrorHandler.USAGE_OR_IO;
    }
    List<String> students = student == null ? grading.students() : List.of(student);
    boolean runs =
        !noExecute
            && !students.isEmpty()
            && (student == null || Files.isDirectory(grading.submissionDir(student)));
    ExecutionLimits limits =
        ExecutionLimits.defaults()
            .withPerCellTimeout(Duration.ofSeconds(timeout))
            .withDeadline(Duration.ofSeconds(deadline));
    Path python = LocalJupyter.python(System.getenv());
    int slots = Math.max(1, Math.min(parallel, students.size()));
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor(python, slots)) {
      // Python starts (the Jupyter check, the worker, its forge and first kernels) while the course
      // is read
      LocalJupyter.Answer jupyter =
          runs
              ? start(python, executor, limits, (long) students.size() * grading.notebooks())
              : null;
      if (!readable(grading, students, err)) {
        return UserErrorHandler.USAGE_OR_IO;
      }
      if (jupyter != null) {
        jupyter.require();
      }
      SubmissionGrader grader =
          new SubmissionGrader(new NotebookAutograder(executor, limits), policy);
      return grade(grading, students, slots, grader, spec.commandLine().getOut(), err);
    }
  }

  /** The late policy, or null when an option is refused (said on {@code err}). */
  private LatePolicy policy(PrintWriter err) {
    if (parallel < 1 || timeout < 1 || deadline < 1) {
      err.println("tito: --parallel, --timeout and --deadline must be at least 1");
      return null;
    }
    LatePolicy policy;
    try {
      policy = LatePolicy.valueOf(latePolicy.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("tito: --late-policy must be none or zero, not '" + latePolicy + "'");
      return null;
    }
    if (!Files.isRegularFile(course.resolve(".tito").resolve(module + ".json"))) {
      err.println(
          "tito: "
              + course.resolve(".tito").resolve(module + ".json")
              + ": no release of module '"
              + module
              + "'; release it first: "
              + ShellWords.command(
                  "module", "release", module, "--student", "--course", course.toString()));
      return null;
    }
    return policy;
  }

  private static LocalJupyter.Answer start(
      Path python, LocalJupyterExecutor executor, ExecutionLimits limits, long notebooks) {
    LocalJupyter.Answer jupyter = LocalJupyter.ask(python);
    executor.warm(limits, ExecutionPurpose.AUTOGRADE, notebooks);
    return jupyter;
  }

  /** Whether the course's sources and the submissions to grade are there; else says why on {@code err}. */
  private boolean readable(CourseGrading grading, List<String> students, PrintWriter err) {
    try {
      grading.checkSources();
    } catch (IllegalArgumentException e) {
      err.println("tito: " + e.getMessage());
      return false;
    }
    if (student != null && !Files.isDirectory(grading.submissionDir(student))) {
      err.println(
          "tito: "
              + grading.submissionDir(student)
              + ": no submission for student '"
              + student
              + "'");
      return false;
    }
    if (students.isEmpty()) {
      err.println(
          "tito: " + course.resolve("submitted") + ": no submissions of module '" + module + "'");
      return false;
    }
    return true;
  }

  private int grade(
      CourseGrading grading,
      List<String> students,
      int slots,
      SubmissionGrader grader,
      PrintWriter out,
      PrintWriter err) {
    Map<String, GradingResult> results = new TreeMap<>();
    List<String> dropped = new ArrayList<>();
    Map<String, String> errors = new TreeMap<>();
    Progress progress = new Progress(err, true, Progress.onTerminal(), students.size());
    ExecutorService pool = Executors.newFixedThreadPool(slots);
    try {
      List<Future<CourseGrading.Outcome>> futures = new ArrayList<>();
      for (String id : students) {
        futures.add(pool.submit(() -> grading.grade(id, grader, !noExecute)));
      }
      for (int i = 0; i < students.size(); i++) {
        String id = students.get(i);
        progress.starting(i, id);
        try {
          CourseGrading.Outcome outcome = futures.get(i).get();
          results.put(id, outcome.result());
          outcome.dropped().forEach(d -> dropped.add(d.line()));
          progress.finished(i, id, score(outcome.result()));
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (!(cause instanceof IllegalArgumentException
              || cause instanceof UncheckedIOException)) {
            throw new IllegalStateException(cause);
          }
          errors.put(id, cause.getMessage());
          progress.finished(i, id, "not graded");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("tito: interrupted");
      return UserErrorHandler.USAGE_OR_IO;
    } finally {
      pool.shutdownNow();
      progress.close();
    }
    errors.forEach((id, message) -> err.println("tito: " + id + ": " + message));
    results.forEach(
        (id, result) ->
            Tampering.of(result).forEach(line -> err.println("tito: " + id + ": " + line)));
    if (json) {
      printJson(out, results);
    } else {
      printTable(out, results);
    }
    // a regrade keeps a person's grades unless the answer they were given for changed, and says
    // which it did not keep
    dropped.forEach(line -> err.println("tito: " + line));
    if (!results.isEmpty()) {
      err.println(
          "wrote "
              + course.resolve(".tito/grades").resolve(module)
              + "/<student>.json, "
              + course.resolve("autograded")
              + "/<student>/"
              + module
              + "/ and "
              + course.resolve("feedback")
              + "/<student>/"
              + module
              + "/ for "
              + results.size()
              + " student"
              + (results.size() == 1 ? "" : "s"));
      err.flush();
    }
    boolean failed =
        !errors.isEmpty() || results.values().stream().anyMatch(r -> !"ok".equals(r.failure()));
    return failed ? 1 : 0;
  }

  private static String score(GradingResult result) {
    return PythonFloat.repr(result.score())
        + " / "
        + PythonFloat.repr(result.maxScore())
        + ("ok".equals(result.failure()) ? "" : ", " + result.failure());
  }

  private static void printJson(PrintWriter out, Map<String, GradingResult> results) {
    try {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(new ArrayList<>(results.values())));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void printTable(PrintWriter out, Map<String, GradingResult> results) {
    int width = Math.max(7, results.keySet().stream().mapToInt(String::length).max().orElse(0));
    out.printf(
        "%-" + width + "s  %15s  %9s  %-6s  %s%n", "STUDENT", "SCORE", "LATE", "MANUAL", "STATUS");
    results.forEach(
        (id, r) ->
            out.printf(
                "%-" + width + "s  %15s  %9s  %-6s  %s%n",
                id,
                PythonFloat.repr(r.score()) + " / " + PythonFloat.repr(r.maxScore()),
                r.latePenalty() > 0 ? "-" + PythonFloat.repr(r.latePenalty()) : "",
                r.needsManualGrade() ? "yes" : "",
                r.failure() + (Tampering.of(r).isEmpty() ? "" : ", tampering suspected")));
    out.flush();
  }
}
