package dev.tito.demo;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a container's command runs on this machine in place of its image: the operator image's {@code tito} is a
 * child JVM on this class path (Jobs are separate processes in a cluster), {@code jupyter} is Debian's Jupyter, and
 * any other command ({@code sh}, {@code java}, ...) is the local program of that name.
 *
 * @param tito the command line that runs {@code tito} here
 * @param jupyter the command line that runs {@code jupyter} here
 */
public record LocalImages(List<String> tito, List<String> jupyter) implements Containers {
  /** Debian's Python, which has jupyter-nbconvert and ipykernel from its packages (a pyenv python3 on PATH may not). */
  public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

  public LocalImages {
    tito = List.copyOf(tito);
    jupyter = List.copyOf(jupyter);
  }

  /** {@code tito} as {@code java -cp <this class path> <mainClass>}, {@code jupyter} as Debian's. */
  public static LocalImages sameClassPath(String mainClass) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new LocalImages(
        List.of(java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", absoluteClassPath(), mainClass),
        List.of(DEBIAN_PYTHON.toString(), "-m", "jupyter"));
  }

  // containers run in their own working directories: a relative entry (java -jar demo/target/...) would not resolve
  private static String absoluteClassPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
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
      public LocalContainer start(io.fabric8.kubernetes.api.model.Container container, Path log) throws IOException {
        return LocalContainer.start(container, volumes, LocalImages.this, podFolder, log);
      }

      @Override
      public void close() {}
    };
  }

  /** The local command line for a container's (already path-rewritten) command and arguments. */
  List<String> localCommand(List<String> argv) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("the container has no command: an image's own entrypoint cannot run locally");
    }
    List<String> local = new ArrayList<>(switch (argv.get(0)) {
      case "tito" -> tito;
      case "jupyter" -> jupyter;
      default -> List.of(argv.get(0));
    });
    local.addAll(argv.subList(1, argv.size()));
    return local;
  }

  /** Whether the local {@code jupyter} can execute notebooks (nbconvert and a Python kernel installed). */
  boolean jupyterInstalled() {
    Path python = Path.of(jupyter.get(0));
    if (!Files.isExecutable(python)) {
      return false;
    }
    try {
      Process check = new ProcessBuilder(python.toString(), "-c", "import nbconvert, ipykernel")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return check.waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
