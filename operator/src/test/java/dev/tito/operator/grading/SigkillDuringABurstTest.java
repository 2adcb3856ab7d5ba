package dev.tito.operator.grading;

import dev.tito.operator.OperatorConfig;
import dev.tito.operator.chart.OperatorProcess;
import dev.tito.operator.grading.Courses.Course;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The operator's process is killed with SIGKILL at random points of a deadline burst (every student of the class
 * submits once, 16 at a time), and stopped once with SIGTERM as a rolling update does, and started again each time:
 * every submission is graded with its marks, each by exactly one Job, and the Assignment's summary converges
 * ({@link BurstThroughStops}; on a real control plane: SigkillDuringABurstOnRealApiServerTest).
 * {@code -Dfaults.burst.submissions}, {@code -Dfaults.kills} and {@code -Dfaults.seed} change the run.
 */
class SigkillDuringABurstTest extends CoursesOnMockServer {
  private static final int SUBMISSIONS = Integer.getInteger("faults.burst.submissions", 250);
  private static final int KILLS = Integer.getInteger("faults.kills", 3);

  @Test
  void everySubmissionIsGradedOnceThroughSigkills() throws Exception {
    Path log = Path.of("target", "operator-sigkill-burst.log");
    Files.deleteIfExists(log);
    List<String> students =
        IntStream.range(0, SUBMISSIONS).mapToObj(i -> String.format("s%04d", i)).toList();
    BurstThroughStops burst = new BurstThroughStops(client, courses, () -> start(log), log);
    System.out.println(
        burst.everySubmissionIsGradedOnce(
            () -> {
              // the CRD's grading defaults: at most 20 Jobs at once, the rest wait in the class's
              // queue
              Course course = course(g -> {}, a -> {}, students.toArray(String[]::new));
              kubeletGivesFullMarks(course);
              return course;
            },
            students,
            KILLS,
            Long.getLong("faults.seed", 7)));
  }

  /** The environment the chart's Deployment gives the operator, as in OperatorKilledTest, with a short retry. */
  private static OperatorProcess start(Path log) {
    Map<String, String> env = new HashMap<>();
    // one replica: a restarted operator does not wait out a dead leader's lease here (a
    // Deployment's second replica would)
    env.put(OperatorConfig.LEASE_NAME, "");
    env.put(OperatorConfig.WATCH_NAMESPACES, "");
    env.put(OperatorConfig.JOB_IMAGE, OperatorConfig.LOCAL_JOB_IMAGE);
    env.put(OperatorConfig.GRADING_RETRY_SECONDS, "1");
    return OperatorProcess.start(
        env, client.getConfiguration().getMasterUrl(), Path.of("target", "sigkill-tito-home"), log);
  }
}
