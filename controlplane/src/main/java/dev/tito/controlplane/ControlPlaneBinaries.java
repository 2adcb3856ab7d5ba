package dev.tito.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where cluster-test/build.sh put etcd, kube-apiserver, kube-controller-manager, kubectl and helm: the folder
 * {@code TITO_KUBE_BINARIES} names, else {@code <TITO_KUBE_CACHE or ~/.cache/tito/kube>/current}.
 */
public record ControlPlaneBinaries(Path folder) {
  static final List<String> REQUIRED =
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kubectl");

  /** One line telling a developer how to get the binaries. */
  public static final String HOW_TO_BUILD =
      "build them from source with cluster-test/build.sh (Go needed; about 9 minutes once, then cached)";

  /** The binaries, when every one of them is there. */
  public static Optional<ControlPlaneBinaries> find() {
    Path folder =
        folder(
            System.getenv("TITO_KUBE_BINARIES"),
            System.getenv("TITO_KUBE_CACHE"),
            System.getProperty("user.home"));
    return REQUIRED.stream().allMatch(name -> Files.isExecutable(folder.resolve(name)))
        ? Optional.of(new ControlPlaneBinaries(folder))
        : Optional.empty();
  }

  static Path folder(String binaries, String cache, String home) {
    if (binaries != null && !binaries.isBlank()) {
      return Path.of(binaries);
    }
    Path root =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(home, ".cache", "tito", "kube");
    return root.resolve("current");
  }

  /** Why no control plane can start here, for a skipped test or the demo's first line. */
  public static String missing() {
    Path folder =
        folder(
            System.getenv("TITO_KUBE_BINARIES"),
            System.getenv("TITO_KUBE_CACHE"),
            System.getProperty("user.home"));
    return "no Kubernetes binaries in " + folder + ": " + HOW_TO_BUILD;
  }

  /** The Kubernetes version the API server was built as (e.g. {@code v1.34.4}), as {@code kube-apiserver --version} says. */
  public Optional<String> version() {
    try {
      Process process =
          new ProcessBuilder(apiServer().toString(), "--version").redirectErrorStream(true).start();
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      // "Kubernetes v1.34.4"
      return process.waitFor() == 0 && output.startsWith("Kubernetes ")
          ? Optional.of(output.substring("Kubernetes ".length()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  public Path etcd() {
    return folder.resolve("etcd");
  }

  public Path apiServer() {
    return folder.resolve("kube-apiserver");
  }

  public Path controllerManager() {
    return folder.resolve("kube-controller-manager");
  }

  public Path kubectl() {
    return folder.resolve("kubectl");
  }

  /** The helm command line, when it was built too. */
  public Optional<Path> helm() {
    Path helm = folder.resolve("helm");
    return Files.isExecutable(helm) ? Optional.of(helm) : Optional.empty();
  }
}
