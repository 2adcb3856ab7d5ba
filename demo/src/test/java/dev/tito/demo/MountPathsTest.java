package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A container's paths become the local folders of its volumes, wherever a path starts in a word. */
class MountPathsTest {
  private static final Container SCORE =
      new ContainerBuilder()
          .withName("score")
          .addNewVolumeMount()
          .withName("release")
          .withMountPath("/var/run/tito/release")
          .endVolumeMount()
          .addNewVolumeMount()
          .withName("scratch")
          .withMountPath("/var/run/tito/scratch/")
          .endVolumeMount()
          .addNewVolumeMount()
          .withName("tmp")
          .withMountPath("/tmp")
          .endVolumeMount()
          .addNewVolumeMount()
          .withName("scratch")
          .withMountPath("/var/run/tito/scratch/prepared/data")
          .withSubPath("shared")
          .endVolumeMount()
          .build();
  private final MountPaths paths =
      new MountPaths(
          SCORE,
          Map.of(
              "release",
              Path.of("/tmp/demo/pods/p/volumes/release"),
              "scratch",
              Path.of("/tmp/demo/pods/p/volumes/scratch"),
              "tmp",
              Path.of("/tmp/demo/pods/p/volumes/tmp")),
          Path.of("/tmp/demo/pods/p/termination/score"));

  @Test
  void rewritesMountPathsInArgumentsOptionsAndScripts() {
    assertThat(paths.rewrite("/var/run/tito/scratch"))
        .isEqualTo("/tmp/demo/pods/p/volumes/scratch");
    assertThat(paths.rewrite("--config=/var/run/tito/scratch/grading_config.py"))
        .isEqualTo("--config=/tmp/demo/pods/p/volumes/scratch/grading_config.py");
    assertThat(paths.rewrite("cp /var/run/tito/release/a.ipynb /var/run/tito/scratch/prepared"))
        .isEqualTo(
            "cp /tmp/demo/pods/p/volumes/release/a.ipynb /tmp/demo/pods/p/volumes/scratch/prepared");
    assertThat(paths.rewrite("PATH=/tmp/bin:/var/run/tito/scratch/bin"))
        .isEqualTo("PATH=/tmp/demo/pods/p/volumes/tmp/bin:/tmp/demo/pods/p/volumes/scratch/bin");
  }

  @Test
  void theLongestMountPathWinsAndASubPathIsAFolderOfItsVolume() {
    assertThat(paths.rewrite("/var/run/tito/scratch/prepared/data/x.csv"))
        .isEqualTo("/tmp/demo/pods/p/volumes/scratch/shared/x.csv");
  }

  @Test
  void leavesPathsThatOnlyStartLikeAMountAndNeverRewritesWhatItWrote() {
    assertThat(paths.rewrite("/workshop/notes")).isEqualTo("/workshop/notes");
    assertThat(paths.rewrite("relative/work")).isEqualTo("relative/work");
    // the local folder starts with /tmp, itself a mount path: one pass, so it stays as written
    assertThat(paths.rewrite("/tmp")).isEqualTo("/tmp/demo/pods/p/volumes/tmp");
  }

  @Test
  void theTerminationLogIsTheContainersOwnFile() {
    assertThat(paths.rewrite("/dev/termination-log"))
        .isEqualTo("/tmp/demo/pods/p/termination/score");
  }

  @Test
  void aMountOfAnUndeclaredVolumeIsRefusedNamingIt() {
    assertThatThrownBy(() -> new MountPaths(SCORE, Map.of(), Path.of("/t")))
        .hasMessage("container score mounts volume \"release\", which the pod does not declare");
  }
}
