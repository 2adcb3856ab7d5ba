package dev.tito.operator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.classroom.Classroom;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.chart.OperatorProcess;
import dev.tito.operator.classroom.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The operator's process is killed with SIGKILL at random points while it provisions a 1,000-student class, and
 * started again each time: the class converges, and nothing a student holds (their access token) is made twice.
 */
class OperatorKilledTest {
  private static final int STUDENTS = Integer.getInteger("faults.killed.students", 1000);
  private static final int KILLS = Integer.getInteger("faults.kills", 3);

  @Test
  void aClassSurvivesSigkillsDuringItsSetup() throws Exception {
    Random random = new Random(Long.getLong("faults.seed", 7));
    Path log = Path.of("target", "operator-killed.log");
    Files.deleteIfExists(log);
    Map<String, String> env = new HashMap<>();
    // one replica: a restarted operator does not wait out a dead leader's lease here (a
    // Deployment's second replica would)
    env.put(OperatorConfig.LEASE_NAME, "");
    env.put(OperatorConfig.WATCH_NAMESPACES, "");
    env.put(OperatorConfig.JOB_IMAGE, OperatorConfig.LOCAL_JOB_IMAGE);
    try (FaultyApiServer api = new FaultyApiServer(0, 1)) {
      Classroom classroom = api.client.resource(ApiFaultsTest.classroom(STUDENTS)).create();
      List<String> progressAtKills = new ArrayList<>();
      List<String> tokensSeen = new ArrayList<>();
      // random points of the setup, as shares of the students' servers made: each kill lands
      // mid-provisioning
      double[] killPoints = random.doubles(KILLS, 0.05, 0.9).sorted().toArray();
      for (double point : killPoints) {
        OperatorProcess operator =
            OperatorProcess.start(env, api.url(), Path.of("target", "faults-tito-home"), log);
        int target = (int) (point * STUDENTS);
        Eventually.until(
            "the operator to make " + target + " servers",
            Duration.ofMinutes(3),
            () ->
                api.client
                    .apps()
                    .statefulSets()
                    .inNamespace(ApiFaultsTest.NAMESPACE)
                    .list()
                    .getItems()
                    .size(),
            made -> made >= target,
            () -> "operator log: " + log.toAbsolutePath());
        operator.kill();
        int servers =
            api.client
                .apps()
                .statefulSets()
                .inNamespace(ApiFaultsTest.NAMESPACE)
                .list()
                .getItems()
                .size();
        progressAtKills.add(servers + "/" + STUDENTS);
        tokensSeen.addAll(ApiFaultsTest.tokens(api.client));
      }
      try (OperatorProcess operator =
          OperatorProcess.start(env, api.url(), Path.of("target", "faults-tito-home"), log)) {
        try {
          Eventually.until(
              "a server per student after " + KILLS + " SIGKILLs",
              Duration.ofMinutes(5),
              () ->
                  api.client
                      .apps()
                      .statefulSets()
                      .inNamespace(ApiFaultsTest.NAMESPACE)
                      .list()
                      .getItems(),
              servers -> servers.size() == STUDENTS,
              () -> "kills at " + progressAtKills);
          api.client
              .apps()
              .statefulSets()
              .inNamespace(ApiFaultsTest.NAMESPACE)
              .list()
              .getItems()
              .forEach(s -> ApiFaultsTest.markReady(api.client, s));
          Classroom ready =
              Eventually.until(
                  "every student ready",
                  Duration.ofMinutes(3),
                  () -> api.client.resource(classroom).get(),
                  c -> c.getStatus() != null && c.getStatus().ready == STUDENTS,
                  () -> "kills at " + progressAtKills);

          assertThat(ready.getStatus().total).isEqualTo(STUDENTS);
          assertThat(
                  api.client
                      .persistentVolumeClaims()
                      .inNamespace(ApiFaultsTest.NAMESPACE)
                      .list()
                      .getItems())
              .hasSize(STUDENTS);
          List<String> tokens = ApiFaultsTest.tokens(api.client);
          assertThat(tokens).hasSize(STUDENTS).containsAll(tokensSeen);
          System.out.printf(
              "SIGKILL x%d during a %d-student setup (servers at each kill: %s): converged, "
                  + "no token made twice%n",
              KILLS, STUDENTS, progressAtKills);
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "\noperator log: " + log.toAbsolutePath(), e);
        }
      }
    }
  }
}
