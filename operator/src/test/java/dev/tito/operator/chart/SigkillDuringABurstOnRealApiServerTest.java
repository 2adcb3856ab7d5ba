package dev.tito.operator.chart;

import dev.tito.controlplane.RealApiServer;
import dev.tito.controlplane.TestKubelet;
import dev.tito.operator.grading.BurstThroughStops;
import dev.tito.operator.grading.Courses;
import dev.tito.operator.grading.Courses.Course;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deadline burst of SigkillDuringABurstTest on a real control plane: the chart installed by Helm, the operator
 * run as its ServiceAccount with the chart's environment (leader election included: a process started after a
 * SIGKILL waits out the dead one's lease), the real Job controller making the grading pods and a test kubelet ending
 * each with its student's full marks, read back through the API server's {@code pods/log}. SIGKILLs at random points
 * and one SIGTERM; every submission graded, each by exactly one Job, and the summary converged
 * ({@link BurstThroughStops}). {@code -Dfaults.real.submissions}, {@code -Dfaults.kills} and {@code -Dfaults.seed}
 * change the run.
 */
class SigkillDuringABurstOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();
  private static final int SUBMISSIONS = Integer.getInteger("faults.real.submissions", 100);
  private static final int KILLS = Integer.getInteger("faults.kills", 3);

  @Test
  void everySubmissionIsGradedOnceThroughSigkills() throws Exception {
    String system = api.createNamespace("tito-system");
    Map<String, String> env =
        ChartInstall.helmInstall(api, system, api.namespace()).operatorEnvironmentWithToken(api);
    Path log = Path.of("target", "operator-sigkill-burst-real-api.log");
    Files.deleteIfExists(log);
    List<String> students =
        IntStream.range(0, SUBMISSIONS).mapToObj(i -> String.format("s%04d", i)).toList();
    AtomicReference<Course> released = new AtomicReference<>();
    Courses courses = new Courses(api.admin(), api::namespace);
    try (TestKubelet kubelet =
        new TestKubelet(
            api.admin(),
            api.namespace(),
            "node-burst",
            Path.of("target", "sigkill-burst-kubelet"),
            pod -> endOf(pod, released.get()))) {
      BurstThroughStops burst =
          new BurstThroughStops(
              api.admin(),
              courses,
              () ->
                  OperatorProcess.start(
                      env, api.controlPlane().url(), Path.of("target", "sigkill-real-home"), log),
              log);
      System.out.println(
          burst.everySubmissionIsGradedOnce(
              () -> {
                // the CRD's grading defaults: at most 20 Jobs at once, the rest wait in the class's
                // queue
                released.set(courses.course(g -> {}, a -> {}, students.toArray(String[]::new)));
                return released.get();
              },
              students,
              KILLS,
              Long.getLong("faults.seed", 7)));
    }
  }

  /** A grading Job's pod succeeds with its student's full marks; the students' servers stay pending. */
  private static TestKubelet.Outcome endOf(Pod pod, Course course) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (course == null || labels == null || !labels.containsKey("job-name")) {
      return null;
    }
    return TestKubelet.succeeded(
        pod, Map.of("score", Courses.fullMarks(course, labels.get("tito.dev/student"))));
  }
}
