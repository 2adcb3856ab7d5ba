package dev.tito.operator.bench;

import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import dev.tito.operator.bench.SubmissionBurst.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a deadline burst of N submissions against the real operator on the in-process API, until every
 * submission has its grading Job (a cap at N) or its Job or Queued status (the class's cap of 20), beside a plain
 * client making the same writes in the same run (the Submissions, then per submission the Job, the files' owner and
 * the status), and the operator's latency from a Submission's creation to its Job's, p50 and p99; then the same
 * latency with submissions arriving at a steady rate below the cap ({@code bench.rate} a second for 20 seconds). Run
 * with {@code mvn -B -pl operator -am test -Pbench-operator -Dtest=SubmissionBurstBenchmark [-Dbench.sizes=1000,10000]
 * [-Dbench.caps=n,20] [-Dbench.rate=100]} (a rate of 0 skips the paced run).
 */
@Tag("benchmark")
class SubmissionBurstBenchmark {
  private static final int CAP = 20;

  @Test
  void deadlineBurst() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-7s %-5s %-8s %9s %11s %7s %9s %9s %9s",
            "subs",
            "cap",
            "arrival",
            "floor s",
            "operator s",
            "ratio",
            "p50 ms",
            "p99 ms",
            "max ms"));
    List<String> kinds = new ArrayList<>();
    burst(200, 200, 0);
    for (String size : System.getProperty("bench.sizes", "1000,10000").split(",")) {
      int n = Integer.parseInt(size.trim());
      for (String capName : System.getProperty("bench.caps", "n," + CAP).split(",")) {
        int cap = capName.trim().equals("n") ? n : Integer.parseInt(capName.trim());
        Run floor = floor(n, cap);
        Operated operated = burst(n, cap, 0);
        Run operator = operated.run();
        kinds.add(n + " at cap " + cap + ": " + operated.byKind());
        lines.add(
            String.format(
                "%-7d %-5d %-8s %9.1f %11.1f %7.2f %9s %9s %9s",
                n,
                cap,
                "burst",
                floor.seconds(),
                operator.seconds(),
                operator.seconds() / floor.seconds(),
                SubmissionBurst.ms(operator.p50()),
                SubmissionBurst.ms(operator.p99()),
                SubmissionBurst.ms(operator.max())));
        lines.forEach(System.out::println);
        kinds.forEach(System.out::println);
      }
    }
    // below the cap at a rate the API keeps up with: the operator's own latency, not a backlog's
    int perSecond = Integer.getInteger("bench.rate", 100);
    if (perSecond > 0) {
      int steady = perSecond * 20;
      Run paced = burst(steady, steady, perSecond).run();
      lines.add(
          String.format(
              "%-7d %-5d %-8s %9s %11.1f %7s %9s %9s %9s",
              steady,
              steady,
              perSecond + "/s",
              "-",
              paced.seconds(),
              "-",
              SubmissionBurst.ms(paced.p50()),
              SubmissionBurst.ms(paced.p99()),
              SubmissionBurst.ms(paced.max())));
      lines.forEach(System.out::println);
    }
    lines.add("");
    lines.add(
        "requests per submission from the burst until the operator is idle (the students' included):");
    lines.addAll(kinds);
    Files.write(
        Path.of("target", "benchmark-submissions.txt"),
        lines,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** @param byKind the requests per submission from the burst until the operator is idle */
  private record Operated(Run run, String byKind) {}

  /** The writes the operator makes for a burst, by a plain client with the same concurrency. */
  private static Run floor(int n, int cap) throws Exception {
    KubernetesMockServer server = ClassroomScaleBenchmark.crudServer();
    try (KubernetesClient client = server.createClient()) {
      BurstCourse.installCrds(client);
      BurstCourse course = BurstCourse.setUp(client, n, cap, false);
      return new Run(
          SubmissionBurst.floor(client, course, n, cap), Double.NaN, Double.NaN, Double.NaN);
    } finally {
      server.destroy();
    }
  }

  /**
   * The real operator: the Submissions created by 16 clients, until each has its Job or its place in the queue.
   *
   * @param perSecond the rate they are created at; 0 for as fast as the clients can
   */
  private static Operated burst(int n, int cap, int perSecond) throws Exception {
    IndexedCrudDispatcher dispatcher = new IndexedCrudDispatcher();
    KubernetesMockServer server = ClassroomScaleBenchmark.crudServer(dispatcher);
    try (KubernetesClient client = server.createClient()) {
      TitoOperator operator =
          new TitoOperator(
              client,
              OperatorConfig.local(Duration.ofMinutes(5)),
              (uri, token) -> Optional.empty(),
              Clock.systemUTC());
      BurstCourse.installCrds(client);
      operator.start();
      BurstCourse course = BurstCourse.setUp(client, n, cap, true);
      try (SubmissionBurst burst = new SubmissionBurst(client, n, cap, true)) {
        SubmissionBurst.awaitOperatorIdle();
        Map<String, Long> before = dispatcher.requestsByKind();
        Run run = burst.hand(client, course, perSecond);
        SubmissionBurst.awaitOperatorIdle();
        return new Operated(run, dispatcher.perUnitSince(before, n));
      } finally {
        operator.close();
      }
    } finally {
      server.destroy();
    }
  }
}
