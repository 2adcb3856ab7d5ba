package dev.tito.demo;

import dev.tito.controlplane.ControlPlaneBinaries;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which Kubernetes API the demo runs on ({@code --api}): a real control plane where cluster-test/build.sh built its
 * binaries, Fabric8's in-process mock server otherwise ({@code auto}), or the one asked for.
 */
final class ApiChoice {
  static final String OPTION_VALUES = "in-process, real or auto";

  /** The real control plane's binaries; null: the in-process API. */
  private final ControlPlaneBinaries binaries;

  /** Why {@code auto} fell back to the in-process API; null when it did not. */
  private final String whyNotReal;

  private ApiChoice(ControlPlaneBinaries binaries, String whyNotReal) {
    this.binaries = binaries;
    this.whyNotReal = whyNotReal;
  }

  static ApiChoice inProcess() {
    return new ApiChoice(null, null);
  }

  static ApiChoice real(ControlPlaneBinaries binaries) {
    return new ApiChoice(binaries, null);
  }

  /**
   * @param option {@code in-process}, {@code real} or {@code auto}
   * @param found the binaries of a real control plane, when built
   * @param missing why there are none (one line)
   */
  static ApiChoice choose(String option, Optional<ControlPlaneBinaries> found, String missing)
      throws Demo.DemoException {
    return switch (option) {
      case "in-process" -> inProcess();
      case "real" ->
          real(found.orElseThrow(() -> new Demo.DemoException(2, "--api real: " + missing)));
      case "auto" -> found.map(ApiChoice::real).orElseGet(() -> new ApiChoice(null, missing));
      default ->
          throw new Demo.DemoException(
              2, "--api must be " + OPTION_VALUES + ", got '" + option + "'");
    };
  }

  /**
   * The demo's first line: what runs, and where its files go.
   *
   * @param pods how the kubelet runs pods ({@link Containers#how()})
   */
  String firstLine(Path folder, String pods) {
    if (binaries != null) {
      return "tito demo: a real Kubernetes API server"
          + binaries.version().map(v -> " " + v).orElse("")
          + " (etcd, kube-apiserver, kube-controller-manager built from source), the tito operator and a local kubelet "
          + "running "
          + pods
          + " (files in "
          + folder
          + ")";
    }
    return "tito demo: an in-process Kubernetes API, the tito operator and a local kubelet running "
        + pods
        + " (files in "
        + folder
        + ")"
        + (whyNotReal == null ? "" : "; no real API server: " + whyNotReal);
  }

  DemoCluster start(Demo.Settings settings) throws Demo.DemoException, IOException {
    if (binaries == null) {
      return DemoCluster.inProcess(settings);
    }
    try {
      return RealCluster.start(binaries, settings);
    } catch (IllegalStateException | KubernetesClientException e) {
      throw new Demo.DemoException(
          2, "the Kubernetes control plane did not start: " + e.getMessage());
    }
  }
}
