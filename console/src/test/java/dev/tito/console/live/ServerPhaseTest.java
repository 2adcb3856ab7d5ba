package dev.tito.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerPhaseTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "stopped by idle culling             | 0 | 0 | stop-reason=Idle | -                  | STOPPED  | Idle | false",
        "never started                       | 0 | 0 | -                | -                  | STOPPED  |      | false",
        "stopped, a start asked for          | 0 | 0 | start=now        | -                  | STARTING | start requested | false",
        "scaled up, no pod yet               | 1 | 0 | -                | -                  | STARTING |      | false",
        "running and ready                   | 1 | 1 | -                | -                  | READY    |      | false",
        "ready on an older template          | 1 | 1 | old-template     | -                  | READY    |      | true",
        "an image that cannot be pulled      | 1 | 0 | -                | ImagePullBackOff   | FAILED   | ImagePullBackOff: back-off | false",
        "crashing                            | 1 | 0 | -                | CrashLoopBackOff   | FAILED   | CrashLoopBackOff: back-off | false",
        "still creating its container        | 1 | 0 | -                | ContainerCreating  | STARTING |      | false"
      })
  void aServersPhaseComesFromItsStatefulSetAndPod(
      String what,
      int replicas,
      int ready,
      String annotation,
      String waiting,
      ServerPhase.Phase phase,
      String detail,
      boolean pendingRestart) {
    ServerPhase found =
        ServerPhase.of(
            server(replicas, ready, annotation), "-".equals(waiting) ? null : pod(waiting));

    assertThat(found.phase()).isEqualTo(phase);
    assertThat(found.detail()).isEqualTo(detail == null ? "" : detail);
    assertThat(found.pendingRestart()).isEqualTo(pendingRestart);
  }

  private static StatefulSet server(int replicas, int ready, String annotation) {
    Map<String, String> annotations = new HashMap<>(Map.of("tito.dev/template-hash", "new"));
    if ("old-template".equals(annotation)) {
      annotations.put("tito.dev/started-template", "old");
    } else if (replicas > 0) {
      annotations.put("tito.dev/started-template", "new");
    }
    if (annotation.startsWith("stop-reason=")) {
      annotations.put("tito.dev/stop-reason", annotation.substring("stop-reason=".length()));
    }
    if (annotation.startsWith("start=")) {
      annotations.put("tito.dev/start", "now");
    }
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("ml-ada")
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .withNewStatus()
        .withReadyReplicas(ready)
        .endStatus()
        .build();
  }

  private static Pod pod(String waiting) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("ml-ada-0")
        .endMetadata()
        .withNewStatus()
        .addToContainerStatuses(
            new ContainerStatusBuilder()
                .withName("jupyter")
                .withNewState()
                .withNewWaiting()
                .withReason(waiting)
                .withMessage("back-off")
                .endWaiting()
                .endState()
                .build())
        .endStatus()
        .build();
  }
}
