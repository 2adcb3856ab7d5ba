package dev.tito.operator.bench;

import dev.tito.controlplane.AuditLog;
import dev.tito.controlplane.ControlPlane;
import dev.tito.controlplane.ControlPlaneBinaries;
import dev.tito.operator.TitoOperator;
import dev.tito.operator.bench.SubmissionBurst.Run;
import dev.tito.operator.classroom.OperatorOnMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the deadline burst of {@link SubmissionBurstBenchmark} on a real kube-apiserver and etcd (with the
 * controller manager: a Job gets its pod, which stays Pending without a scheduler or kubelet). Each run is on a fresh
 * control plane: the floor (a plain client under an account of its own making the writes the operator must make per
 * submission), then the real operator under its own account with the students' Submissions created under a third, 16
 * requests in flight each. Reports both times and their ratio, Submission to Job latencies, the API requests per
 * submission of the floor and the operator as the API server's audit log counts them (the operator's from the burst's
 * start until it is idle, by verb and resource), its setup requests per student, and the operator's writes in 10
 * seconds of steady state and in 20 seconds after a restart. Run with {@code mvn -B -pl operator -am test
 * -Pbench-operator -Dtest=SubmissionBurstOnRealApiBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench.sizes=1000 [-Dbench.caps=n,20] [-Dbench.rate=100[,30]]} (a rate of 0 skips the paced run; an empty
 * size list runs the paced runs alone).
 */
@Tag("benchmark")
class SubmissionBurstOnRealApiBenchmark {
  private static final String NAMESPACE = BurstCourse.NAMESPACE;
  private static final String FLOOR = "floor";
  private static final String OPERATOR = "operator";
  private static final int CAP = 20;

  @Test
  void deadlineBurstOnARealApiServer() throws Exception {
    ControlPlaneBinaries binaries =
        ControlPlaneBinaries.find()
            .orElseThrow(() -> new IllegalStateException(ControlPlaneBinaries.missing()));
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-6s %-5s %-6s %8s %10s %6s %7s %7s %7s %8s %8s %9s %6s %7s %9s",
            "subs",
            "cap",
            "arrive",
            "floor s",
            "operator s",
            "ratio",
            "p50 ms",
            "p99 ms",
            "max ms",
            "floor/sub",
            "op/sub",
            "setup/st",
            "failed",
            "steady w",
            "restart w"));
    List<String> kinds = new ArrayList<>();
    for (String size : System.getProperty("bench.sizes", "1000").split(",")) {
      if (size.isBlank()) {
        continue; // -Dbench.sizes= : the paced runs alone
      }
      int n = Integer.parseInt(size.trim());
      for (String capName : System.getProperty("bench.caps", "n," + CAP).split(",")) {
        int cap = capName.trim().equals("n") ? n : Integer.parseInt(capName.trim());
        Floor floor = floor(binaries, n, cap);
        Operated operator = operator(binaries, n, cap, 0);
        lines.add(row(n, cap, "burst", floor, operator));
        kinds.add(n + " at cap " + cap + ": " + operator.byKind());
        print(lines, kinds);
      }
    }
    for (String rate : System.getProperty("bench.rate", "100").split(",")) {
      int perSecond = rate.isBlank() ? 0 : Integer.parseInt(rate.trim());
      if (perSecond > 0) {
        int steady = perSecond * 20;
        Run floor = pacedFloor(binaries, steady, perSecond);
        Operated paced = operator(binaries, steady, steady, perSecond);
        lines.add(row(steady, steady, perSecond + "/s", null, paced));
        kinds.add(
            String.format(
                "%d at %d/s: the floor's Submission to Job p50 %s ms, p99 %s ms, max %s ms; the operator's requests %s",
                steady,
                perSecond,
                SubmissionBurst.ms(floor.p50()),
                SubmissionBurst.ms(floor.p99()),
                SubmissionBurst.ms(floor.max()),
                paced.byKind()));
        print(lines, kinds);
      }
    }
    List<String> all = new ArrayList<>(lines);
    all.add("");
    all.add("operator requests per submission, by verb and resource:");
    all.addAll(kinds);
    Files.write(
        Path.of("target", "benchmark-submissions-real-api.txt"),
        all,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static void print(List<String> lines, List<String> kinds) {
    lines.forEach(System.out::println);
    kinds.forEach(System.out::println);
  }

  private static String row(int n, int cap, String arrival, Floor floor, Operated operator) {
    Run run = operator.run();
    return String.format(
        "%-6d %-5d %-6s %8s %10.1f %6s %7s %7s %7s %8s %8.2f %9.2f %6d %7d %9d",
        n,
        cap,
        arrival,
        floor == null ? "-" : String.format("%.1f", floor.seconds()),
        run.seconds(),
        floor == null ? "-" : String.format("%.2f", run.seconds() / floor.seconds()),
        SubmissionBurst.ms(run.p50()),
        SubmissionBurst.ms(run.p99()),
        SubmissionBurst.ms(run.max()),
        floor == null ? "-" : String.format("%.2f", floor.requestsPerSubmission()),
        operator.requestsPerSubmission(),
        operator.setupRequestsPerStudent(),
        operator.failedWrites(),
        operator.steadyWrites(),
        operator.writesAfterRestart());
  }

  private record Floor(double seconds, double requestsPerSubmission) {}

  /**
   * @param byKind the operator's requests per submission during the burst, by verb and resource
   * @param failedWrites the operator's writes the API server refused during the burst (409s included)
   */
  private record Operated(
      Run run,
      double requestsPerSubmission,
      double setupRequestsPerStudent,
      String byKind,
      long failedWrites,
      long steadyWrites,
      long writesAfterRestart) {}

  /** The floor's writes on a fresh control plane, counted in the audit log. */
  private static Floor floor(ControlPlaneBinaries binaries, int n, int cap) throws Exception {
    try (ControlPlane plane =
            ClassroomScaleOnRealApiBenchmark.start(
                binaries, "submissions-floor-" + n + "-" + cap, NAMESPACE);
        KubernetesClient admin = plane.adminClient();
        KubernetesClient client = account(plane, FLOOR)) {
      OperatorOnMockServer.applyCrds(admin);
      BurstCourse course = BurstCourse.setUp(admin, n, cap, false);
      double seconds = SubmissionBurst.floor(client, course, n, cap);
      return new Floor(seconds, new AuditLog(plane.auditLog()).by(user(FLOOR)).size() / (double) n);
    }
  }

  /** A plain client handing in and answering submissions at {@code perSecond}, on a fresh control plane. */
  private static Run pacedFloor(ControlPlaneBinaries binaries, int n, int perSecond)
      throws Exception {
    try (ControlPlane plane =
            ClassroomScaleOnRealApiBenchmark.start(
                binaries, "submissions-floor-" + n + "-" + perSecond + "s", NAMESPACE);
        KubernetesClient admin = plane.adminClient();
        KubernetesClient client = account(plane, FLOOR)) {
      OperatorOnMockServer.applyCrds(admin);
      BurstCourse course = BurstCourse.setUp(admin, n, n, false);
      try (SubmissionBurst burst = new SubmissionBurst(admin, n, n, false)) {
        return burst.handAsTheFloor(client, course, perSecond);
      }
    }
  }

  /** The operator on a fresh control plane: setup, the burst, steady state and a restart. */
  private static Operated operator(ControlPlaneBinaries binaries, int n, int cap, int perSecond)
      throws Exception {
    try (ControlPlane plane =
            ClassroomScaleOnRealApiBenchmark.start(
                binaries, "submissions-operator-" + n + "-" + cap, NAMESPACE);
        KubernetesClient admin = plane.adminClient();
        KubernetesClient client = account(plane, OPERATOR);
        KubernetesClient students = account(plane, "students")) {
      OperatorOnMockServer.applyCrds(admin);
      TitoOperator operator = ClassroomScaleOnRealApiBenchmark.operator(client, NAMESPACE);
      Run run;
      Instant burstFrom;
      Instant steadyFrom;
      Instant steadyTo;
      try {
        BurstCourse course = BurstCourse.setUp(admin, n, cap, true);
        try (SubmissionBurst burst = new SubmissionBurst(admin, n, cap, false)) {
          SubmissionBurst.awaitOperatorIdle();
          burstFrom = Instant.now();
          run = burst.hand(students, course, perSecond);
        }
        SubmissionBurst.awaitOperatorIdle();
        steadyFrom = Instant.now();
        Thread.sleep(10_000);
        steadyTo = Instant.now();
      } finally {
        operator.close();
      }
      Instant restarted = Instant.now();
      TitoOperator again = ClassroomScaleOnRealApiBenchmark.operator(client, NAMESPACE);
      Thread.sleep(20_000);
      again.close();
      List<AuditLog.Request> requests = new AuditLog(plane.auditLog()).by(user(OPERATOR));
      List<AuditLog.Request> burst = between(requests, burstFrom, steadyFrom);
      return new Operated(
          run,
          burst.size() / (double) n,
          requests.stream().filter(r -> r.received().isBefore(burstFrom)).count() / (double) n,
          byKind(burst, n),
          burst.stream().filter(r -> r.isWrite() && r.code() >= 400).count(),
          between(requests, steadyFrom, steadyTo).stream()
              .filter(AuditLog.Request::isWrite)
              .count(),
          requests.stream().filter(r -> r.received().isAfter(restarted) && r.isWrite()).count());
    }
  }

  private static List<AuditLog.Request> between(
      List<AuditLog.Request> requests, Instant from, Instant to) {
    return requests.stream()
        .filter(r -> !r.received().isBefore(from) && r.received().isBefore(to))
        .toList();
  }

  /** Requests per submission by verb and resource, most first, e.g. {@code create batch/jobs 1.00}. */
  private static String byKind(List<AuditLog.Request> requests, int n) {
    Map<String, Long> counts =
        requests.stream()
            .collect(
                Collectors.groupingBy(
                    AuditLog.Request::permission, TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / (double) n))
        .collect(Collectors.joining(", "));
  }

  private static KubernetesClient account(ControlPlane plane, String name) {
    return new KubernetesClientBuilder()
        .withConfig(plane.clusterAdminAccountConfig(NAMESPACE, name))
        .build();
  }

  private static String user(String account) {
    return "system:serviceaccount:" + NAMESPACE + ":" + account;
  }
}
