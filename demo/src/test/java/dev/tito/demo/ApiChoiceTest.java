package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tito.controlplane.ControlPlaneBinaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's first line says which Kubernetes API it runs on; {@code --api} asks for one. */
class ApiChoiceTest {
  private static final String MISSING =
      "no Kubernetes binaries in /home/ada/.cache/tito/kube/current: build them from "
          + "source with cluster-test/build.sh (Go needed; about 9 minutes once, then cached)";
  private static final String IN_PROCESS_LINE =
      "tito demo: an in-process Kubernetes API, the tito operator and a local "
          + "kubelet running pods as processes (files in tito-demo)";

  @TempDir Path binaries;

  @Test
  void withTheBinariesTheFirstLineNamesARealApiServerAndItsVersion() throws Exception {
    ApiChoice choice =
        ApiChoice.choose("auto", Optional.of(apiServerAnswering("Kubernetes v1.34.4")), MISSING);

    assertThat(choice.firstLine(Path.of("tito-demo"), "pods as processes"))
        .isEqualTo(
            "tito demo: a real Kubernetes API server v1.34.4 "
                + "(etcd, kube-apiserver, kube-controller-manager built from source), the tito operator and a local kubelet "
                + "running pods as processes (files in tito-demo)");
  }

  @Test
  void withoutTheBinariesTheFirstLineIsTheInProcessOneAndSaysWhy() throws Exception {
    ApiChoice choice = ApiChoice.choose("auto", Optional.empty(), MISSING);

    assertThat(choice.firstLine(Path.of("tito-demo"), "pods as processes"))
        .isEqualTo(IN_PROCESS_LINE + "; no real API server: " + MISSING);
  }

  @Test
  void askingForTheInProcessApiGivesTheInProcessLineEvenWithTheBinaries() throws Exception {
    ApiChoice choice =
        ApiChoice.choose(
            "in-process", Optional.of(apiServerAnswering("Kubernetes v1.34.4")), MISSING);

    assertThat(choice.firstLine(Path.of("tito-demo"), "pods as processes"))
        .isEqualTo(IN_PROCESS_LINE);
  }

  @Test
  void askingForARealApiWithoutItsBinariesIsExitCode2AndSaysHowToBuildThem() {
    assertThatThrownBy(() -> ApiChoice.choose("real", Optional.empty(), MISSING))
        .isInstanceOf(Demo.DemoException.class)
        .hasMessage("--api real: " + MISSING)
        .extracting(e -> ((Demo.DemoException) e).exitCode())
        .isEqualTo(2);
  }

  private ControlPlaneBinaries apiServerAnswering(String version) throws IOException {
    Path apiServer = binaries.resolve("kube-apiserver");
    Files.writeString(apiServer, "#!/bin/sh\necho '" + version + "'\n");
    Files.setPosixFilePermissions(apiServer, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new ControlPlaneBinaries(binaries);
  }
}
