package dev.tito.cli;

import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.api.submission.TestResult;
import dev.tito.console.cluster.ApiErrors;
import dev.tito.notebook.ipynb.AtomicFiles;
import dev.tito.notebook.ipynb.PythonFloat;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tito submit}: hands notebooks in from the student's own Jupyter server, as that student. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Hand in notebooks for grading, from your Jupyter server.",
      "The assignment is the folder ~/assignments/<assignment>/ the notebooks are in, unless --assignment names it.",
      "Exit codes: 0 submitted (with --wait: graded), 1 refused or grading failed, 2 usage, file or cluster error."
    })
public final class SubmitCommand implements Callable<Integer> {
  static final int REFUSED_OR_FAILED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "NOTEBOOK", description = "the notebooks to hand in")
  List<Path> notebooks;

  @Option(
      names = "--assignment",
      paramLabel = "NAME",
      description = "the assignment (default: from the notebooks' folder)")
  String assignment;

  @Option(
      names = "--wait",
      description = "wait for the grade, print it and save the feedback page under ~/feedback/")
  boolean await;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description = "how long --wait waits, e.g. 90s, 10m, 1h (default: ${DEFAULT-VALUE})")
  String timeout;

  private final Supplier<StudentPod> pod;
  private final Supplier<KubernetesClient> clients;

  /** In the student's server: its environment, service-account volume and home, and the in-cluster client. */
  public SubmitCommand() {
    this(
        () ->
            StudentPod.from(
                System.getenv(),
                StudentPod.SERVICE_ACCOUNT,
                Path.of(System.getProperty("user.home"))),
        () -> new KubernetesClientBuilder().build());
  }

  SubmitCommand(Supplier<StudentPod> pod, Supplier<KubernetesClient> clients) {
    this.pod = pod;
    this.clients = clients;
  }

  /** As in the server of {@code student} of {@code classroom} in {@code namespace}, reaching the API with clients. */
  public static SubmitCommand forStudent(
      String student,
      String classroom,
      String namespace,
      Path home,
      Supplier<KubernetesClient> clients) {
    return new SubmitCommand(() -> new StudentPod(student, classroom, namespace, home), clients);
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StudentPod student;
    String forAssignment;
    HandIn handIn;
    Duration waitAtMost;
    try {
      waitAtMost = waitDuration(timeout);
      student = pod.get();
      forAssignment = assignment != null ? assignment : assignmentOf(student, notebooks);
      handIn = HandIn.of(notebooks);
    } catch (IllegalArgumentException e) {
      err.println("tito: " + e.getMessage());
      return UserErrorHandler.USAGE_OR_IO;
    }
    try (KubernetesClient client = clients.get()) {
      Submission submission = submit(client, student, forAssignment, handIn);
      String name = submission.getMetadata().getName();
      out.println(
          "submitted "
              + name
              + " ("
              + String.join(", ", handIn.files().keySet())
              + ") for "
              + forAssignment);
      if (!await) {
        out.println(
            "run 'tito submit --wait' next time to wait for the grade; your results also appear in ConfigMap "
                + student.resultsConfigMap());
        return 0;
      }
      out.flush();
      Optional<ResultsWatch.Finished> finished =
          new ResultsWatch(client, student, forAssignment, name)
              .until(
                  waitAtMost,
                  progress -> {
                    out.println(progress.progress());
                    out.flush();
                  });
      if (finished.isEmpty()) {
        err.println(
            "tito: "
                + name
                + " is not graded after "
                + timeout
                + "; it stays in the queue: see "
                + student.resultsConfigMap()
                + " later");
        return UserErrorHandler.USAGE_OR_IO;
      }
      return report(finished.get(), student, forAssignment, out);
    } catch (KubernetesClientException e) {
      err.println(
          "tito: "
              + (e.getCode() == ApiErrors.FORBIDDEN ? "refused: " : "")
              + ApiErrors.oneLine(e));
      return e.getCode() == ApiErrors.FORBIDDEN ? REFUSED_OR_FAILED : UserErrorHandler.USAGE_OR_IO;
    } catch (IllegalArgumentException e) {
      err.println("tito: " + e.getMessage());
      return UserErrorHandler.USAGE_OR_IO;
    }
  }

  /** The files' ConfigMap first, so the Submission never names a missing one. */
  private static Submission submit(
      KubernetesClient client, StudentPod student, String assignment, HandIn handIn) {
    String prefix = assignment + "-" + student.student() + "-";
    ConfigMap files =
        client
            .configMaps()
            .inNamespace(student.namespace())
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withGenerateName(prefix)
                    .withNamespace(student.namespace())
                    .withLabels(
                        Map.of(
                            "tito.dev/classroom",
                            student.classroom(),
                            "tito.dev/student",
                            student.student(),
                            "tito.dev/assignment",
                            assignment,
                            "app.kubernetes.io/component",
                            "submission"))
                    .endMetadata()
                    .withData(handIn.files())
                    .build())
            .create();
    Submission submission = new Submission();
    submission.getMetadata().setGenerateName(prefix);
    submission.getMetadata().setNamespace(student.namespace());
    submission.getMetadata().setLabels(Map.of("tito.dev/classroom", student.classroom()));
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = assignment;
    submission.getSpec().student = student.student();
    submission.getSpec().notebookConfigMap = files.getMetadata().getName();
    return client.resource(submission).create();
  }

  private static int report(
      ResultsWatch.Finished finished, StudentPod student, String assignment, PrintWriter out) {
    SubmissionOutcome outcome = finished.outcome();
    if (!"Graded".equals(outcome.phase())) {
      out.println(
          outcome.name()
              + ": Failed"
              + (outcome.failureClass() == null ? "" : " (" + outcome.failureClass() + ")")
              + (outcome.message() == null ? "" : ": " + outcome.message()));
      return REFUSED_OR_FAILED;
    }
    String penalty =
        outcome.latePenalty() != null && outcome.latePenalty() > 0
            ? " (late penalty " + points(outcome.latePenalty()) + ")"
            : "";
    out.println(
        outcome.name()
            + ": Graded "
            + points(outcome.score())
            + "/"
            + points(outcome.maxScore())
            + penalty);
    if (!outcome.tests().isEmpty()) {
      AlignedTable table =
          new AlignedTable("result", "notebook", "test", "points", "error").alignRight(3);
      for (TestResult test : outcome.tests()) {
        table.add(
            String.valueOf(test.status),
            String.valueOf(test.notebook),
            String.valueOf(test.gradeId),
            points(test.score) + "/" + points(test.maxScore),
            test.error == null ? "" : UserErrorHandler.oneLine(test.error));
      }
      table.print(out);
    }
    String feedback = finished.data().get(assignment + ".html");
    if (feedback != null) {
      Path page =
          student.home().resolve("feedback").resolve(assignment).resolve(outcome.name() + ".html");
      AtomicFiles.write(page, feedback.getBytes(StandardCharsets.UTF_8));
      out.println("feedback: " + page);
    }
    return 0;
  }

  private static String points(Double value) {
    return value == null ? "-" : PythonFloat.repr(value);
  }

  /** Go-style durations as kubectl takes them (90s, 10m, 1h30m), read by java.time. */
  static Duration waitDuration(String text) {
    try {
      Duration duration = Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
      if (!duration.isNegative() && !duration.isZero() && text.matches("([0-9]+[hms])+")) {
        return duration;
      }
    } catch (java.time.format.DateTimeParseException e) {
      // reported below with the option's name
    }
    throw new IllegalArgumentException(
        "--timeout '" + text + "' is not a duration such as 90s, 10m or 1h30m");
  }

  /** The assignment folder all notebooks are in: {@code ~/assignments/<assignment>/...}. */
  static String assignmentOf(StudentPod student, List<Path> notebooks) {
    Path root = student.assignments().toAbsolutePath().normalize();
    Set<String> found = new LinkedHashSet<>();
    for (Path notebook : notebooks) {
      Path path = notebook.toAbsolutePath().normalize();
      if (!path.startsWith(root) || root.relativize(path).getNameCount() < 2) {
        throw new IllegalArgumentException(
            notebook + ": not under " + root + "/<assignment>/; name it with --assignment");
      }
      found.add(root.relativize(path).getName(0).toString());
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          "the notebooks are in several assignments ("
              + String.join(", ", found)
              + "): submit one assignment at a time");
    }
    return found.iterator().next();
  }
}
