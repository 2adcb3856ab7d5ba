package dev.tito.cli;

import dev.tito.console.cluster.ApiErrors;
import dev.tito.console.cluster.ClusterGrades;
import dev.tito.notebook.autograde.CourseGrading;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.InvalidGradingResultException;
import dev.tito.notebook.export.ExportFormat;
import dev.tito.notebook.export.ModuleGrades;
import dev.tito.notebook.export.Students;
import dev.tito.notebook.ipynb.AtomicFiles;
import dev.tito.notebook.ipynb.NotebookFormatException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tito grades}: the course's collected grades. */
@Command(
    name = "grades",
    mixinStandardHelpOptions = true,
    description = {
      "Export the grades collected by 'tito module grade', or those of a cluster's Submissions; "
          + "review and set the grades a person gives (written answers, tasks, overrides)."
    },
    subcommands = {GradesCommand.Export.class, GradesReviewCommand.class, GradesSetCommand.class})
public final class GradesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return UsageErrors.missingSubcommand(spec.commandLine());
  }

  /** {@code tito grades export}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write the grades as nbgrader's grades.csv (csv), a Canvas or Moodle import (canvas, moodle), "
            + "or one Gradescope results.json per submission (gradescope: OUTPUT is a folder).",
        "With --cluster: each student's latest Graded Submission of each --assignment, read with the current "
            + "kubeconfig like kubectl; students of the assignment's Classroom without one are exported as missing.",
        "Exit codes: 0 written, 2 usage or I/O error (e.g. a damaged result file)."
      })
  static final class Export implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--format",
        required = true,
        paramLabel = "FORMAT",
        description = "csv, canvas, moodle or gradescope")
    ExportFormat format;

    @Option(
        names = "--course",
        paramLabel = "DIR",
        description = "course root (default: current directory)")
    Path course = Path.of(".");

    @Option(
        names = "--output",
        paramLabel = "FILE",
        description = "where to write (default: grades.csv, or gradescope/)")
    Path output;

    @Option(
        names = "--module",
        paramLabel = "MODULE",
        description = "only these modules (repeatable)")
    List<String> modules;

    @Option(names = "--cluster", description = "read the grades from the cluster's Submissions")
    boolean cluster;

    @Option(
        names = "--namespace",
        paramLabel = "NS",
        description = "with --cluster: the course's namespace (default: the kubeconfig's)")
    String namespace;

    @Option(
        names = "--assignment",
        paramLabel = "NAME",
        description = "with --cluster: the Assignments to export (repeatable)")
    List<String> assignments;

    private final Supplier<KubernetesClient> clients;

    Export() {
      this(() -> ClusterConnection.KUBECONFIG.connect(null));
    }

    Export(Supplier<KubernetesClient> clients) {
      this.clients = clients;
    }

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      if (cluster != (assignments != null)
          || (cluster && modules != null)
          || (!cluster && namespace != null)) {
        err.println(
            "tito: --cluster goes with --assignment (and --namespace); --module with the local course");
        return UserErrorHandler.USAGE_OR_IO;
      }
      try {
        List<ModuleGrades> grades = cluster ? readCluster() : read(err);
        if (grades.isEmpty()) {
          err.println(
              "tito: "
                  + (cluster
                      ? "no graded Submissions of " + String.join(", ", assignments)
                      : course.resolve(".tito/grades")
                          + ": no grades yet; grade a module first: "
                          + ShellWords.command(
                              "module",
                              "grade",
                              firstReleased().orElse("MODULE"),
                              "--course",
                              course.toString())));
          return UserErrorHandler.USAGE_OR_IO;
        }
        notePending(err, format, grades);
        Path written = writeAll(grades);
        long results = grades.stream().mapToLong(module -> module.results().size()).sum();
        err.println(
            "wrote "
                + written
                + " ("
                + results
                + " result"
                + (results == 1 ? "" : "s")
                + " of "
                + grades.size()
                + " module"
                + (grades.size() == 1 ? "" : "s")
                + ")");
        err.flush();
        return 0;
      } catch (IllegalArgumentException
          | InvalidGradingResultException
          | NotebookFormatException e) {
        err.println("tito: " + e.getMessage());
        return UserErrorHandler.USAGE_OR_IO;
      } catch (KubernetesClientException e) {
        err.println("tito: " + ApiErrors.oneLine(e));
        return UserErrorHandler.USAGE_OR_IO;
      }
    }

    /** Writes the export; returns the file (or, for gradescope, the folder) written. */
    private Path writeAll(List<ModuleGrades> grades) {
      Path target = output == null ? course.resolve(format.defaultName()) : output;
      Map<String, String> files = format.files(grades);
      if (format != ExportFormat.gradescope) {
        return write(target, files.values().iterator().next());
      }
      files.forEach((path, text) -> write(target.resolve(path), text));
      return target;
    }

    /** The first module with a release (a gradebook file), for a hint that runs as printed. */
    private java.util.Optional<String> firstReleased() {
      return list(course.resolve(".tito")).stream()
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".json"))
          .map(name -> name.substring(0, name.length() - 5))
          .findFirst();
    }

    private List<ModuleGrades> readCluster() {
      try (KubernetesClient client = clients.get()) {
        String inNamespace = namespace != null ? namespace : client.getNamespace();
        if (inNamespace == null) {
          throw new IllegalArgumentException(
              "no namespace: pass --namespace or set one in the kubeconfig's context");
        }
        return ClusterGrades.read(client, inNamespace, assignments);
      }
    }

    private List<ModuleGrades> read(PrintWriter err) {
      Path root = course.resolve(".tito").resolve("grades");
      List<String> names = modules;
      if (names == null) {
        names =
            list(root).stream()
                .filter(Files::isDirectory)
                .map(p -> p.getFileName().toString())
                .sorted()
                .toList();
      }
      List<ModuleGrades> grades = new ArrayList<>();
      Progress progress = new Progress(err, true, Progress.onTerminal(), names.size());
      for (int i = 0; i < names.size(); i++) {
        String module = names.get(i);
        progress.starting(i, module);
        CourseGrading grading = new CourseGrading(course, module);
        List<GradingResult> results = grading.graded().stream().map(grading::result).toList();
        grades.add(new ModuleGrades(module, grading.gradebook().duedate(), results));
        progress.finished(i, module, results.size() + " result" + (results.size() == 1 ? "" : "s"));
      }
      progress.close();
      return grades;
    }

    private static List<Path> list(Path folder) {
      if (!Files.isDirectory(folder)) {
        return List.of();
      }
      try (Stream<Path> files = Files.list(folder)) {
        return files.sorted().toList();
      } catch (IOException e) {
        throw new IllegalArgumentException(folder + ": cannot list: " + e.getMessage());
      }
    }

    /** Says which grades still wait for a person, and what the format made of them. */
    private static void notePending(
        PrintWriter err, ExportFormat format, List<ModuleGrades> grades) {
      String treated = format == ExportFormat.canvas ? "left empty" : "counted as 0 until graded";
      for (ModuleGrades module : grades) {
        module.results().stream()
            .filter(GradingResult::needsManualGrade)
            .forEach(
                r ->
                    err.println(
                        "tito: "
                            + module.module()
                            + " of "
                            + r.student()
                            + " "
                            + treated
                            + ": "
                            + Students.pendingNote(r)));
      }
    }

    private static Path write(Path file, String text) {
      AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
      return file;
    }
  }
}
