package dev.tito.demo;

import dev.tito.controlplane.ControlPlaneBinaries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tito demo}: the whole flow on this machine, no cluster needed; containers in podman when it works here. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole flow on this machine: a Kubernetes API (a real kube-apiserver, etcd and kube-controller-manager "
          + "when cluster-test/build.sh built them, else an in-process one), the real tito operator, and a local kubelet "
          + "that runs grading and delivery pods in podman containers when podman and the images built by "
          + "images/build-local.sh are there, else as local processes (Jupyter from Debian's packages).",
      "Applies samples/classroom.yaml, assignment-source.yaml and assignment.yaml, submits the sample students' work "
          + "once the assignment is released, follows each submission until it is graded or failed, and writes the "
          + "feedback pages to <dir>/feedback/<student>.html."
    },
    footer = {
      "",
      "Exit codes: 0 every submission graded or failed, 1 the sample assignment failed its gates, "
          + "2 usage or I/O error, Jupyter missing, --api real without the binaries, "
          + "--containers podman where podman cannot run, or timeout."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--samples",
      defaultValue = "samples",
      paramLabel = "FOLDER",
      description = "Folder of the sample manifests and course (default: ${DEFAULT-VALUE}).")
  Path samples;

  @Option(
      names = "--module",
      defaultValue = "01_tensor",
      paramLabel = "MODULE",
      description =
          "Module the sample assignment releases: students hand in course/submitted/<student>/MODULE (default: ${DEFAULT-VALUE}).")
  String module;

  @Option(
      names = "--dir",
      defaultValue = "tito-demo",
      paramLabel = "FOLDER",
      description =
          "Where the pods' files and logs, the students' homes and the feedback pages go (default: ${DEFAULT-VALUE}).")
  Path folder;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      paramLabel = "DURATION",
      description =
          "Give up when the submissions are not all graded or failed by then, e.g. 90s, 10m (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(
      names = "--parallel",
      defaultValue = "2",
      paramLabel = "N",
      description = "Pods run at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(
      names = "--api",
      defaultValue = "auto",
      paramLabel = "API",
      description =
          "in-process: Fabric8's mock server in this JVM; real: a real control plane (its binaries built by "
              + "cluster-test/build.sh); auto: real when its binaries are there (default: ${DEFAULT-VALUE}).")
  String api;

  @Option(
      names = "--containers",
      defaultValue = "auto",
      paramLabel = "HOW",
      description =
          "podman: each pod's containers in podman (as root, images built by images/build-local.sh), with the "
              + "pod's user, limits, volumes and network; processes: as local processes; auto: podman when it works here "
              + "(default: ${DEFAULT-VALUE}).")
  String containers;

  /** The main class a Job's {@code tito} command runs in its child JVM: the one that runs this command. */
  private final String titoMainClass;

  public DemoCommand(String titoMainClass) {
    this.titoMainClass = titoMainClass;
  }

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    if (parallel < 1) {
      err.println("tito demo: --parallel must be at least 1, got " + parallel);
      return 2;
    }
    Duration limit;
    try {
      limit = Duration.parse("PT" + timeout.toUpperCase(java.util.Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      err.println(
          "tito demo: --timeout must be a duration like 90s, 10m or 1h, got '" + timeout + "'");
      return 2;
    }
    // before anything is started: a folder the demo cannot write would otherwise fail it much later
    java.util.Optional<String> unwritable = WritableFolder.problem(folder);
    if (unwritable.isPresent()) {
      err.println("tito demo: --dir " + folder + ": cannot write there: " + unwritable.get());
      return 2;
    }
    try {
      ApiChoice choice =
          ApiChoice.choose(api, ControlPlaneBinaries.find(), ControlPlaneBinaries.missing());
      Containers how =
          ContainerChoice.choose(
              containers,
              LocalImages.sameClassPath(titoMainClass),
              () -> {
                PodmanContainers podman =
                    new PodmanContainers(
                        System.getenv().getOrDefault("TITO_PODMAN_RUNTIME", "runc"),
                        PodmanContainers.demoImages(System.getenv()));
                return Map.entry(podman, podman.probe());
              });
      new Demo(
              new Demo.Settings(samples, module, folder, limit, parallel, how, choice),
              new java.io.PrintStream(
                  new java.io.FileOutputStream(java.io.FileDescriptor.out),
                  true,
                  java.nio.charset.StandardCharsets.UTF_8))
          .run();
      return 0;
    } catch (Demo.DemoException e) {
      err.println("tito demo: " + e.getMessage());
      return e.exitCode();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      err.println("tito demo: " + e.getMessage());
      return 2;
    }
  }
}
