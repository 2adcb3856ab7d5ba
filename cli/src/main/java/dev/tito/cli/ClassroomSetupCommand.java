package dev.tito.cli;

import dev.tito.api.TitoGroup;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tito classroom setup -f classroom.yaml}: one apply, then a progress bar until the class is Ready. */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = {
      "Apply a Classroom manifest (with the objects beside it, e.g. its roster ConfigMap) to the current "
          + "cluster, then wait until every student's server is ready."
    },
    footer = {
      "",
      "Exit codes: 0 ready (or applied, with --no-wait), 1 not ready in time, 2 usage, file or API error."
    })
final class ClassroomSetupCommand implements Callable<Integer>, UsesCluster {
  static final String FIELD_MANAGER = "tito";
  private static final long POLL_MILLIS = 1000;

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE",
      description = "YAML manifest holding at least one Classroom (several documents allowed).")
  Path file;

  @Option(
      names = {"-n", "--namespace"},
      description = "Namespace for objects that name none (default: the context's).")
  String namespace;

  @Option(names = "--no-wait", description = "Return once applied.")
  boolean noWait;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description = "How long to wait for Ready (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  private ClusterConnection connection = ClusterConnection.KUBECONFIG;

  @Override
  public void connectWith(ClusterConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      err.println("tito: " + file + ": no such file");
      return UserErrorHandler.USAGE_OR_IO;
    }
    try (KubernetesClient client = connection.connect(namespace)) {
      List<HasMetadata> objects;
      try (InputStream in = Files.newInputStream(file)) {
        objects = client.load(in).items();
      } catch (IOException | KubernetesClientException | IllegalArgumentException e) {
        err.println(
            "tito: "
                + file
                + ": not a Kubernetes manifest: "
                + UserErrorHandler.oneLine(
                    String.valueOf(
                        e.getCause() != null ? e.getCause().getMessage() : e.getMessage())));
        return UserErrorHandler.USAGE_OR_IO;
      }
      List<HasMetadata> classrooms =
          objects.stream().filter(ClassroomSetupCommand::isClassroom).toList();
      if (classrooms.isEmpty()) {
        err.println(
            "tito: "
                + file
                + ": no Classroom in it (kind: Classroom, apiVersion: "
                + TitoGroup.GROUP
                + "/"
                + TitoGroup.VERSION
                + ")");
        return UserErrorHandler.USAGE_OR_IO;
      }
      for (HasMetadata object : objects) {
        String target = namespaceOf(object, client);
        apply(client, object, target);
        out.println(
            object.getKind().toLowerCase(java.util.Locale.ROOT)
                + "/"
                + object.getMetadata().getName()
                + " applied in namespace "
                + target);
        out.flush();
      }
      if (noWait) {
        return 0;
      }
      int worst = 0;
      for (HasMetadata classroom : classrooms) {
        String target = namespaceOf(classroom, client);
        worst =
            Math.max(
                worst, awaitReady(client, target, classroom.getMetadata().getName(), out, err));
      }
      return worst;
    }
  }

  /**
   * kubectl apply --server-side. An in-process API server without server-side apply (tito demo's, tests') gets a
   * create, or a merge patch of the object's fields.
   */
  private static void apply(KubernetesClient client, HasMetadata object, String namespace) {
    try {
      client
          .resource(object)
          .inNamespace(namespace)
          .fieldManager(FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 415) {
        throw e;
      }
      if (client.resource(object).inNamespace(namespace).get() == null) {
        client.resource(object).inNamespace(namespace).create();
      } else {
        client
            .resource(object)
            .inNamespace(namespace)
            .patch(PatchContext.of(PatchType.JSON_MERGE), object);
      }
    }
  }

  private int awaitReady(
      KubernetesClient client, String namespace, String name, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    ProgressBar progress = new ProgressBar(err, Progress.onTerminal());
    Set<String> reported = new HashSet<>();
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    Classroom current = null;
    while (true) {
      current = client.resources(Classroom.class).inNamespace(namespace).withName(name).get();
      ClassroomStatus status = current == null ? null : current.getStatus();
      if (status != null) {
        progress.show(status.ready, status.total, "students ready in " + name);
        for (Condition condition : status.conditions) {
          // a problem is said once, as it appears, not at every poll
          if ("False".equals(condition.getStatus())
              && !"Ready".equals(condition.getType())
              && reported.add(
                  condition.getType()
                      + "/"
                      + condition.getReason()
                      + "/"
                      + condition.getMessage())) {
            progress.clear();
            err.println(
                "tito: classroom "
                    + name
                    + ": "
                    + condition.getType()
                    + " is False ("
                    + condition.getReason()
                    + "): "
                    + condition.getMessage());
          }
        }
        if (ready(status)
            && (current.getMetadata().getGeneration() == null
                || current.getMetadata().getGeneration().equals(status.observedGeneration))) {
          progress.clear();
          out.println(
              "classroom "
                  + name
                  + " is ready: "
                  + status.ready
                  + "/"
                  + status.total
                  + " students");
          out.flush();
          return 0;
        }
      }
      if (System.nanoTime() > deadline) {
        progress.clear();
        Condition readyCondition =
            status == null
                ? null
                : status.conditions.stream()
                    .filter(c -> "Ready".equals(c.getType()))
                    .findFirst()
                    .orElse(null);
        err.println(
            "tito: classroom "
                + name
                + " is not ready after "
                + timeoutSeconds
                + " s"
                + (readyCondition == null
                    ? " (the operator has not reported on it: is tito-operator running?)"
                    : ": " + readyCondition.getReason() + ": " + readyCondition.getMessage()));
        return 1;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** The object's own namespace, else -n or the context's, else "default" as kubectl does. */
  private static String namespaceOf(HasMetadata object, KubernetesClient client) {
    String namespace =
        object.getMetadata().getNamespace() != null
            ? object.getMetadata().getNamespace()
            : client.getNamespace();
    return namespace != null ? namespace : "default";
  }

  private static boolean ready(ClassroomStatus status) {
    return status.conditions.stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean isClassroom(HasMetadata object) {
    return "Classroom".equals(object.getKind())
        && object.getApiVersion() != null
        && object.getApiVersion().startsWith(TitoGroup.GROUP + "/");
  }
}
