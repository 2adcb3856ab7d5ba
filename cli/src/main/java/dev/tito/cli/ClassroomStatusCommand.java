package dev.tito.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.console.cluster.ClassroomOverview;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tito classroom status}: students, assignments, the grading queue and recent failures, once or live. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show each Classroom of the namespace: students ready/total, assignments, grading queue, recent failures.",
    footer = {"", "Exit codes: 0 shown, 2 usage or API error (or no such classroom)."})
final class ClassroomStatusCommand implements Callable<Integer>, UsesCluster {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this classroom.")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      description = "Namespace (default: the context's).")
  String namespace;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(
      names = {"-w", "--watch"},
      description = "Redraw every --interval seconds until interrupted.")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      defaultValue = "2",
      description = "With --watch (default: ${DEFAULT-VALUE}).")
  long interval;

  private ClusterConnection connection = ClusterConnection.KUBECONFIG;

  @Override
  public void connectWith(ClusterConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!"table".equals(output) && !"json".equals(output)) {
      err.println("tito: --output must be table or json, got '" + output + "'");
      return UserErrorHandler.USAGE_OR_IO;
    }
    if (interval < 1) {
      err.println("tito: --interval must be at least 1");
      return UserErrorHandler.USAGE_OR_IO;
    }
    try (KubernetesClient client = connection.connect(namespace)) {
      while (true) {
        List<ClassroomOverview> overviews = overviews(client);
        if (name != null && overviews.isEmpty()) {
          err.println("tito: no Classroom '" + name + "' in namespace " + client.getNamespace());
          return UserErrorHandler.USAGE_OR_IO;
        }
        if (watch && Progress.onTerminal()) {
          out.print("\u001b[H\u001b[2J");
        }
        if ("json".equals(output)) {
          out.println(JSON.writeValueAsString(Map.of("classrooms", overviews)));
        } else {
          ClassroomTables.print(overviews, client.getNamespace(), out);
        }
        out.flush();
        if (!watch) {
          return 0;
        }
        Thread.sleep(interval * 1000);
      }
    }
  }

  private List<ClassroomOverview> overviews(KubernetesClient client) {
    List<Classroom> classrooms =
        name == null
            ? client.resources(Classroom.class).list().getItems()
            : java.util.stream.Stream.ofNullable(
                    client.resources(Classroom.class).withName(name).get())
                .toList();
    if (classrooms.isEmpty()) {
      return List.of();
    }
    List<Assignment> assignments = client.resources(Assignment.class).list().getItems();
    List<Submission> submissions = client.resources(Submission.class).list().getItems();
    return classrooms.stream()
        .sorted(java.util.Comparator.comparing(c -> c.getMetadata().getName()))
        .map(c -> ClassroomOverview.of(c, assignments, submissions))
        .toList();
  }
}
