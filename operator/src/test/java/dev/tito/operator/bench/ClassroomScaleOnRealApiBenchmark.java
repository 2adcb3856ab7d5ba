package dev.tito.operator.bench;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ConfigMapKey;
import dev.tito.controlplane.AuditLog;
import dev.tito.controlplane.ControlPlane;
import dev.tito.controlplane.ControlPlaneBinaries;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import dev.tito.operator.classroom.ClassroomNetworkPolicy;
import dev.tito.operator.classroom.ImagePrePuller;
import dev.tito.operator.classroom.OperatorOnMockServer;
import dev.tito.operator.classroom.ServerState;
import dev.tito.operator.classroom.Student;
import dev.tito.operator.classroom.StudentAccessToken;
import dev.tito.operator.classroom.StudentHomeVolume;
import dev.tito.operator.classroom.StudentServer;
import dev.tito.operator.classroom.StudentService;
import dev.tito.operator.classroom.StudentServiceAccount;
import dev.tito.operator.classroom.StudentSubmitRole;
import dev.tito.operator.classroom.StudentSubmitRoleBinding;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a CSV-rostered Classroom of each size provisioned by the real operator (under an account of its own) on
 * a fresh real control plane, beside the floor: a plain client creating the very same objects with the same 16 writes
 * in flight (Roles before bindings) on another fresh control plane, so neither run pays for the other's StatefulSet
 * pods. Prints the ratio, API requests per student (from the audit log), failed writes, writes after a restart and
 * the operator's retained heap. Run with
 * {@code mvn -B -pl operator test -Pbench-operator -Dtest=ClassroomScaleOnRealApiBenchmark -Dbench.sizes=1000,10000}.
 */
@Tag("benchmark")
class ClassroomScaleOnRealApiBenchmark {
  private static final String NAMESPACE = "bench";
  private static final String OPERATOR = "system:serviceaccount:bench:operator";
  private static final int WRITE_CONCURRENCY = 16;

  @Test
  void provisionLargeClassroomsOnARealApiServer() throws Exception {
    ControlPlaneBinaries binaries =
        ControlPlaneBinaries.find()
            .orElseThrow(() -> new IllegalStateException(ControlPlaneBinaries.missing()));
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-8s %8s %8s %8s %10s %6s %6s %10s %10s %8s %9s %8s",
            "students",
            "floor s",
            "acct s",
            "ssa s",
            "operator s",
            "ratio",
            "/ssa",
            "floor r/st",
            "op r/st",
            "failed",
            "restart w",
            "heap MB"));
    for (String size : System.getProperty("bench.sizes", "1000,10000").split(",")) {
      int students = Integer.parseInt(size.trim());
      // -Dbench.floors=false measures the operator alone (its heap, its requests); its ratios are
      // then NaN
      boolean floors = Boolean.parseBoolean(System.getProperty("bench.floors", "true"));
      double floor = floors ? floor(binaries, students, Floor.ADMIN_CREATES) : Double.NaN;
      double account = floors ? floor(binaries, students, Floor.ACCOUNT_CREATES) : Double.NaN;
      double applies = floors ? floor(binaries, students, Floor.ACCOUNT_APPLIES) : Double.NaN;
      Result operator = operator(binaries, students);
      lines.add(
          String.format(
              "%-8d %8.1f %8.1f %8.1f %10.1f %6.2f %6.2f %10.2f %10.2f %8d %9d %8.0f",
              students,
              floor,
              account,
              applies,
              operator.seconds,
              operator.seconds / floor,
              operator.seconds / applies,
              FLOOR_REQUESTS_PER_STUDENT,
              operator.requests / (double) students,
              operator.failedWrites,
              operator.writesAfterRestart,
              operator.heapMb));
      lines.forEach(System.out::println);
    }
    Files.write(
        Path.of("target", "benchmark-operator-real-api.txt"),
        lines,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Objects the floor creates per student: token, home, Service, account, Role, binding, server. */
  private static final double FLOOR_REQUESTS_PER_STUDENT = 7;

  private record Result(
      double seconds, long requests, long failedWrites, long writesAfterRestart, double heapMb) {}

  /**
   * The floors: the cluster admin creating (its group skips authorization and the escalation check), an account
   * bound to cluster-admin as the operator's is creating, and that account writing by server-side apply as the
   * operator does; the gaps between them are what identity and the write verb cost the API server.
   */
  private enum Floor {
    ADMIN_CREATES,
    ACCOUNT_CREATES,
    ACCOUNT_APPLIES
  }

  private static double floor(ControlPlaneBinaries binaries, int students, Floor kind)
      throws Exception {
    try (ControlPlane plane =
            start(
                binaries,
                "floor-" + kind.name().toLowerCase(Locale.ROOT) + "-" + students,
                NAMESPACE);
        KubernetesClient client =
            kind == Floor.ADMIN_CREATES
                ? plane.adminClient()
                : new KubernetesClientBuilder()
                    .withConfig(plane.clusterAdminAccountConfig(NAMESPACE, "floor"))
                    .build()) {
      Classroom classroom = csvClassroom();
      classroom.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
      ExecutorService pool = Executors.newFixedThreadPool(WRITE_CONCURRENCY);
      long start = System.nanoTime();
      List<HasMetadata> first =
          new ArrayList<>(
              List.of(
                  ClassroomNetworkPolicy.desired(classroom), ImagePrePuller.desired(classroom)));
      List<HasMetadata> bindings = new ArrayList<>();
      for (int i = 0; i < students; i++) {
        Student student = new Student(id(i), null, null);
        var template = StudentServer.template(classroom, student, null);
        first.addAll(
            List.of(
                StudentAccessToken.desired(classroom, student, StudentAccessToken.newToken()),
                StudentHomeVolume.desired(classroom, student),
                StudentService.desired(classroom, student),
                StudentServiceAccount.desired(classroom, student),
                StudentSubmitRole.desired(classroom, student),
                StudentServer.desired(
                    classroom, student, template, "x", ServerState.running("x"))));
        bindings.add(StudentSubmitRoleBinding.desired(classroom, student));
      }
      writeAll(client, pool, first, kind);
      writeAll(client, pool, bindings, kind);
      pool.shutdown();
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static void writeAll(
      KubernetesClient client, ExecutorService pool, List<HasMetadata> objects, Floor kind) {
    CompletableFuture.allOf(
            objects.stream()
                .map(
                    o ->
                        CompletableFuture.runAsync(
                            () -> {
                              if (kind == Floor.ACCOUNT_APPLIES) {
                                client
                                    .resource(o)
                                    .fieldManager("tito-operator")
                                    .forceConflicts()
                                    .serverSideApply();
                              } else {
                                client.resource(o).create();
                              }
                            },
                            pool))
                .toArray(CompletableFuture[]::new))
        .join();
  }

  /** The operator, from the Classroom's creation until its status counts every student; then a restart. */
  private static Result operator(ControlPlaneBinaries binaries, int students) throws Exception {
    try (ControlPlane plane = start(binaries, "operator-" + students, NAMESPACE);
        KubernetesClient admin = plane.adminClient()) {
      OperatorOnMockServer.applyCrds(admin);
      admin
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("roster")
                  .withNamespace(NAMESPACE)
                  .endMetadata()
                  .addToData(
                      "roster.csv",
                      "id,name\n"
                          + IntStream.range(0, students)
                              .mapToObj(i -> id(i) + ",S " + i + "\n")
                              .collect(Collectors.joining()))
                  .build())
          .serverSideApply();
      double heapBefore = ClassroomScaleBenchmark.usedHeapMb();
      try (KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(plane.clusterAdminAccountConfig(NAMESPACE, "operator"))
              .build()) {
        TitoOperator operator = operator(client, NAMESPACE);
        long start = System.nanoTime();
        Classroom created = admin.resource(csvClassroom()).create();
        while (admin.resource(created).get().getStatus() == null
            || admin.resource(created).get().getStatus().total != students) {
          Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double heap = ClassroomScaleBenchmark.usedHeapMb() - heapBefore;
        operator.close();
        AuditLog audit = new AuditLog(plane.auditLog());
        List<AuditLog.Request> provisioning = audit.by(OPERATOR);
        Instant restarted = Instant.now();
        TitoOperator again = operator(client, NAMESPACE);
        Thread.sleep(20_000);
        again.close();
        long writesAfterRestart =
            audit.by(OPERATOR).stream()
                .filter(r -> r.received().isAfter(restarted) && r.isWrite())
                .count();
        return new Result(
            seconds,
            provisioning.size(),
            provisioning.stream().filter(r -> r.isWrite() && r.code() >= 400).count(),
            writesAfterRestart,
            heap);
      }
    }
  }

  /** The real operator, started, watching namespace only, 16 writes in flight. */
  static TitoOperator operator(KubernetesClient client, String namespace) {
    OperatorConfig config =
        new OperatorConfig(
            Set.of(namespace),
            null,
            null,
            Duration.ofMinutes(1),
            WRITE_CONCURRENCY,
            null,
            0,
            OperatorConfig.LOCAL_JOB_IMAGE,
            100,
            null,
            Duration.ofSeconds(10),
            null);
    TitoOperator operator =
        new TitoOperator(client, config, (uri, token) -> Optional.empty(), Clock.systemUTC());
    operator.start();
    return operator;
  }

  /** A fresh control plane under target/control-plane, with namespace and its default account. */
  static ControlPlane start(ControlPlaneBinaries binaries, String name, String namespace)
      throws Exception {
    Path folder =
        Files.createTempDirectory(
            Files.createDirectories(Path.of("target", "control-plane")), "bench-" + name + "-");
    ControlPlane plane = ControlPlane.start(binaries, folder, ControlPlane.Options.defaults());
    try (KubernetesClient admin = plane.adminClient()) {
      admin
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
      admin
          .serviceAccounts()
          .inNamespace(namespace)
          .withName("default")
          .waitUntilCondition(a -> a != null, 30, java.util.concurrent.TimeUnit.SECONDS);
    }
    return plane;
  }

  /** The mock benchmark's Classroom, its roster read from the ConfigMap (an inline roster stops at 500). */
  private static Classroom csvClassroom() {
    Classroom classroom = ClassroomScaleBenchmark.classroom(0);
    classroom.getSpec().roster.students = null;
    classroom.getSpec().roster.configMapRef = new ConfigMapKey();
    classroom.getSpec().roster.configMapRef.name = "roster";
    return classroom;
  }

  private static String id(int i) {
    return String.format("s%05d", i);
  }
}
