package dev.tito.demo;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** How the demo's kubelet runs containers ({@code --containers}): in podman when it works here, else as processes. */
final class ContainerChoice {
  static final String OPTION_VALUES = "podman, processes or auto";

  private ContainerChoice() {}

  /**
   * @param option {@code podman}, {@code processes} or {@code auto}
   * @param processes the containers as local processes
   * @param podman podman's containers and, probed once, why they cannot run here (empty when they can)
   */
  static Containers choose(
      String option,
      LocalImages processes,
      Supplier<Map.Entry<PodmanContainers, Optional<String>>> podman)
      throws Demo.DemoException {
    return switch (option) {
      case "processes" -> processes;
      case "podman" -> {
        Map.Entry<PodmanContainers, Optional<String>> probed = podman.get();
        if (probed.getValue().isPresent()) {
          throw new Demo.DemoException(2, "--containers podman: " + probed.getValue().get());
        }
        yield probed.getKey();
      }
      case "auto" -> {
        Map.Entry<PodmanContainers, Optional<String>> probed = podman.get();
        yield probed
            .getValue()
            .<Containers>map(why -> new Fallback(processes, why))
            .orElse(probed.getKey());
      }
      default ->
          throw new Demo.DemoException(
              2, "--containers must be " + OPTION_VALUES + ", got '" + option + "'");
    };
  }

  /** Processes, because podman cannot run here: the first line says why. */
  private record Fallback(LocalImages processes, String why) implements Containers {
    @Override
    public String how() {
      return processes.how() + " (no podman: " + why + ")";
    }

    @Override
    public Optional<String> unavailable() {
      return processes.unavailable();
    }

    @Override
    public PodContainers open(Pod pod, Map<String, Path> volumes, Path podFolder)
        throws IOException {
      return processes.open(pod, volumes, podFolder);
    }
  }
}
