package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.controlplane.RealApiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole demo: the real operator grades the sample students' work in Jobs the local kubelet runs. */
class DemoEndToEndTest {
  @Test
  void gradesTheSampleStudentsAndWritesTheirFeedbackPages(@TempDir Path folder) throws Exception {
    List<Map<String, GradingSteps.Run>> steps = new ArrayList<>();
    String output =
        runDemo(
            folder,
            ApiChoice.inProcess(),
            (client, namespace) ->
                GradingSteps.pods(client, namespace)
                    .forEach(pod -> steps.add(GradingSteps.of(pod))));

    assertThat(output)
        .startsWith(
            "tito demo: an in-process Kubernetes API, the tito operator and a local kubelet "
                + "running pods as processes (files in "
                + folder
                + ")\n");
    assertGradedWithFeedback(output, folder);
    // read before the cluster stops: each grading pod's three steps (what
    // GradingInContainersBenchmark reads)
    assertThat(steps)
        .hasSize(3)
        .allSatisfy(
            pod -> {
              assertThat(pod.keySet()).containsExactly("prepare", "execute", "score");
              assertThat(pod.values())
                  .allSatisfy(
                      run -> assertThat(run.took()).isPositive().isLessThan(Duration.ofMinutes(5)));
            });
    assertThat(steps.stream().flatMap(pod -> pod.values().stream()))
        .as("timed finer than the second")
        .anyMatch(run -> run.took().getNano() != 0);
  }

  @Test
  void onARealControlPlaneTheSampleStudentsAreGradedTheSameAndTheControlPlaneStopsAfterwards(
      @TempDir Path folder) throws Exception {
    String output =
        runDemo(folder, ApiChoice.real(RealApiServer.binariesOrSkip()), (client, namespace) -> {});

    assertThat(output)
        .startsWith("tito demo: a real Kubernetes API server v1.")
        .contains(
            " (etcd, kube-apiserver, kube-controller-manager built from source), the tito operator and a local "
                + "kubelet running pods as processes (files in "
                + folder
                + ")\n");
    assertGradedWithFeedback(output, folder);
    assertThat(folder.resolve("control-plane/logs/kube-apiserver.log")).exists();
    assertThat(
            ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains(folder.resolve("control-plane").toString())))
        .as("the control plane's processes once the demo ended")
        .isEmpty();
  }

  private static String runDemo(Path folder, ApiChoice api, Demo.Finished finished)
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Demo demo =
        new Demo(
            new Demo.Settings(
                SamplesTest.SAMPLES,
                "01_tensor",
                folder,
                Duration.ofMinutes(5),
                2,
                LocalImages.sameClassPath(TitoWithDemo.class.getName()),
                api),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    demo.run(finished);

    return printed.toString(StandardCharsets.UTF_8);
  }

  private static void assertGradedWithFeedback(String output, Path folder) {
    assertThat(output)
        .contains("classroom ml: ready, 3 students (ada, ben, eve)")
        .contains("assignment tensors: validated (5 points), released revision ")
        .contains("submission tensors-ada (ada): Graded, score 3/5")
        .contains("submission tensors-ben (ben): Graded, score 1/5")
        .contains("submission tensors-eve (eve): Graded, score 0/5")
        .contains("done: 3 of 3 submissions graded, 0 failed");
    for (String student : new String[] {"ada", "ben", "eve"}) {
      assertThat(folder.resolve("feedback").resolve(student + ".html")).content().contains("<html");
    }
    // the hidden test stays hidden in what the student sees
    assertThat(folder.resolve("feedback/ben.html")).content().doesNotContain("BEGIN HIDDEN TESTS");
  }
}
