package dev.tito.cli;

import dev.tito.console.Console;
import dev.tito.console.cluster.ApiErrors;
import dev.tito.console.course.ClusterCourse;
import dev.tito.console.course.CourseSource;
import dev.tito.console.course.LocalCourse;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
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
      description = "with --cluster: the class's namespace (default: the kubeconfig's)")
  String namespace;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "port on 127.0.0.1 (default: a free one)")
  int port;

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
    if (namespace != null && !cluster) {
      err.println("tito: --namespace goes with --cluster");
      return UserErrorHandler.USAGE_OR_IO;
    }
    Console console;
    try {
      console = Console.start(source(), port, System.getProperty("user.name"), Clock.systemUTC());
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
    out.println("tito console: open " + console.url());
    out.println("(only this machine can reach it; Ctrl-C stops it)");
    out.flush();
    stopped.await();
    return 0;
  }

  private CourseSource source() {
    if (!cluster) {
      return new LocalCourse(course, Clock.systemUTC());
    }
    KubernetesClient client = connection.connect(namespace);
    try {
      return new ClusterCourse(client, client.getNamespace(), Clock.systemUTC());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }
}
