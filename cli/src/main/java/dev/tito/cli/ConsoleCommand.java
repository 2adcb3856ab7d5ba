package dev.tito.cli;

import dev.tito.api.gateway.InstructorAssertion;
import dev.tito.console.Console;
import dev.tito.console.cluster.ApiErrors;
import dev.tito.console.course.ClusterCourse;
import dev.tito.console.course.CourseSource;
import dev.tito.console.course.LocalCourse;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tito console}: the instructor's web console on this machine (docs/console.md). */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Open the instructor's console in a browser: the gradebook, each submission with a form to grade "
          + "it by hand, score distributions, regrades and exports; with --cluster also the live class.",
      "It listens on 127.0.0.1 only and prints an address holding a random access token: only a browser that opened "
          + "that address gets in. Ctrl-C stops it.",
      "With --behind-gateway (the chart's console Deployment) it serves each Classroom of the namespaces to its "
          + "instructors through the gateway's sign-in instead, on every address of the pod; the key the gateway "
          + "signs with comes from the environment variable "
          + ConsoleCommand.KEY_VARIABLE
          + ".",
      "Exit codes: 0 stopped, 2 usage error (a port in use, no course, no rights to the class) or I/O error."
    })
final class ConsoleCommand implements Callable<Integer>, UsesCluster {
  @Spec CommandSpec spec;

  @Option(
      names = "--course",
      paramLabel = "DIR",
      description = "course root (default: current directory)")
  Path course = Path.of(".");

  @Option(
      names = "--cluster",
      description = "the class in the cluster (current kubeconfig, your own rights)")
  boolean cluster;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      split = ",",
      description =
          "with --cluster: the class's namespace (default: the kubeconfig's); with --behind-gateway, each "
              + "namespace served (repeat, or separate with commas)")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = "--behind-gateway",
      paramLabel = "URL",
      description =
          "with --cluster: serve the classes behind the tito gateway at URL (its public address), each to "
              + "its own instructors (docs/console.md)")
  URI gateway;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description =
          "port on 127.0.0.1 (default: a free one); with --behind-gateway, on every address (default "
              + BEHIND_GATEWAY_PORT
              + ")")
  int port;

  /** Where the key the gateway signs its assertions with is read from (the chart sets it from a Secret). */
  static final String KEY_VARIABLE = "TITO_CONSOLE_KEY";

  static final int BEHIND_GATEWAY_PORT = 8080;

  private ClusterConnection connection = ClusterConnection.KUBECONFIG;

  @Override
  public void connectWith(ClusterConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      err.println(
          "tito: --port must be from 1 to 65535 (or left out for a free port), not " + port);
      return UserErrorHandler.USAGE_OR_IO;
    }
    String problem = problem(System.getenv(KEY_VARIABLE));
    if (problem != null) {
      err.println("tito: " + problem);
      return UserErrorHandler.USAGE_OR_IO;
    }
    Console console;
    try {
      console = start();
    } catch (IllegalArgumentException e) {
      err.println("tito: " + e.getMessage());
      return UserErrorHandler.USAGE_OR_IO;
    } catch (KubernetesClientException e) {
      err.println("tito: " + ApiErrors.oneLine(e));
      return UserErrorHandler.USAGE_OR_IO;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  console.close();
                  stopped.countDown();
                },
                "console-stop"));
    PrintWriter out = spec.commandLine().getOut();
    if (gateway == null) {
      out.println("tito console: open " + console.url());
      out.println("(only this machine can reach it; Ctrl-C stops it)");
    } else {
      out.println(
          "tito console: serves the classes of "
              + String.join(", ", namespaces)
              + " on port "
              + console.port()
              + " to their instructors, through "
              + console.url());
    }
    out.flush();
    stopped.await();
    return 0;
  }

  /** What is wrong with the options, in one line, or null. */
  String problem(String key) {
    if (port < 0 || port > 65535) {
      return "--port must be from 1 to 65535 (or left out for a free port), not " + port;
    }
    if (!namespaces.isEmpty() && !cluster) {
      return "--namespace goes with --cluster";
    }
    if (gateway == null) {
      return namespaces.size() > 1
          ? "one --namespace at a time on this machine (several go with --behind-gateway)"
          : null;
    }
    if (!cluster) {
      return "--behind-gateway goes with --cluster";
    }
    if (namespaces.isEmpty()) {
      return "--behind-gateway needs the namespaces it serves: --namespace NS[,NS...]";
    }
    if (!"https".equals(gateway.getScheme()) && !"http".equals(gateway.getScheme())
        || gateway.getHost() == null) {
      return "--behind-gateway must be the gateway's http(s) address, got " + gateway;
    }
    if (key == null
        || key.getBytes(StandardCharsets.UTF_8).length < InstructorAssertion.MIN_KEY_BYTES) {
      return KEY_VARIABLE
          + " must hold the key the gateway signs with, at least "
          + InstructorAssertion.MIN_KEY_BYTES
          + " bytes (the chart sets it from its console Secret)";
    }
    return null;
  }

  private Console start() {
    if (gateway == null) {
      return Console.start(source(), port, System.getProperty("user.name"), Clock.systemUTC());
    }
    Map<String, ClusterCourse> courses = new LinkedHashMap<>();
    try {
      for (String namespace : namespaces) {
        courses.put(namespace, course(namespace));
      }
      return Console.behindGateway(
          courses,
          gateway,
          System.getenv(KEY_VARIABLE).getBytes(StandardCharsets.UTF_8),
          port == 0 ? BEHIND_GATEWAY_PORT : port,
          Clock.systemUTC());
    } catch (RuntimeException e) {
      courses.values().forEach(ClusterCourse::close);
      throw e;
    }
  }

  private CourseSource source() {
    if (!cluster) {
      return new LocalCourse(course, Clock.systemUTC());
    }
    return course(namespaces.isEmpty() ? null : namespaces.get(0));
  }

  private ClusterCourse course(String namespace) {
    KubernetesClient client = connection.connect(namespace);
    try {
      return new ClusterCourse(client, client.getNamespace(), Clock.systemUTC());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }
}
