package dev.tito.demo;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a container's command runs on this machine in place of its image: the operator image's {@code tito} is a
 * child JVM on this class path (Jobs are separate processes in a cluster), {@code python3} is Debian's Python (the
 * execute step runs its nbconvert) and {@code jupyter} that Python's Jupyter, and
 * any other command ({@code sh}, {@code java}, ...) is the local program of that name.
 *
 * @param tito the command line that runs {@code tito} here
 * @param python the command line that runs the course image's {@code python3} here
 */
public record LocalImages(List<String> tito, List<String> python) implements Containers {
  /** Debian's Python, which has jupyter-nbconvert and ipykernel from its packages (a pyenv python3 on PATH may not). */
  public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

  public LocalImages {
    tito = List.copyOf(tito);
    python = List.copyOf(python);
  }

  /** {@code tito} as {@code java -cp <this class path> <mainClass>}, {@code python3} as Debian's. */
  public static LocalImages sameClassPath(String mainClass) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new LocalImages(
        List.of(
            java.toString(),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            absoluteClassPath(),
            mainClass),
        List.of(DEBIAN_PYTHON.toString()));
  }

  // containers run in their own working directories: a relative entry (java -jar demo/target/...)
  // would not resolve
  private static String absoluteClassPath() {
    return java.util.Arrays.stream(
            System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  @Override
  public String how() {
    return "pods as processes";
  }

  @Override
  public Optional<String> unavailable() {
    return jupyterInstalled() ? Optional.empty() : Optional.of(Demo.JUPYTER_MISSING);
  }

  /** Each container a process, its mount paths rewritten to the volumes' folders; nothing to undo. */
  @Override
  public PodContainers open(Pod pod, Map<String, Path> volumes, Path podFolder) {
    return new PodContainers() {
      @Override
      public LocalContainer start(io.fabric8.kubernetes.api.model.Container container, Path log)
          throws IOException {
        return LocalContainer.start(container, volumes, LocalImages.this, podFolder, log);
      }

      @Override
      public void close() {}
    };
  }

  /** The local command line for a container's (already path-rewritten) command and arguments. */
  List<String> localCommand(List<String> argv) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException(
          "the container has no command: an image's own entrypoint cannot run locally");
    }
    List<String> local =
        new ArrayList<>(
            switch (argv.get(0)) {
              case "tito" -> tito;
              case "python3" -> python;
              case "jupyter" -> Stream.concat(python.stream(), Stream.of("-m", "jupyter")).toList();
              default -> List.of(argv.get(0));
            });
    local.addAll(argv.subList(1, argv.size()));
    return local;
  }

  /** Whether the local {@code python3} can execute notebooks (nbconvert and a Python kernel installed). */
  boolean jupyterInstalled() {
    if (!Files.isExecutable(Path.of(python.get(0)))) {
      return false;
    }
    try {
      List<String> check = new ArrayList<>(python);
      check.addAll(List.of("-c", "import nbconvert, ipykernel"));
      Process process =
          new ProcessBuilder(check)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return process.waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
