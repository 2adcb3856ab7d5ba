package dev.tito.operator.bench;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.RosterStudent;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import dev.tito.operator.classroom.ClassroomNetworkPolicy;
import dev.tito.operator.classroom.ImagePrePuller;
import dev.tito.operator.classroom.ServerState;
import dev.tito.operator.classroom.Student;
import dev.tito.operator.classroom.StudentAccessToken;
import dev.tito.operator.classroom.StudentHomeVolume;
import dev.tito.operator.classroom.StudentServer;
import dev.tito.operator.classroom.StudentService;
import dev.tito.operator.classroom.StudentServiceAccount;
import dev.tito.operator.classroom.StudentSubmitRole;
import dev.tito.operator.classroom.StudentSubmitRoleBinding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: provisions 1,000- and 10,000-student Classrooms with the real operator on the in-process API, beside
 * a plain client creating the same objects in the same run, and prints the ratio, API requests per student and the
 * operator's retained heap. Run with {@code mvn -B -pl operator -am test -Pbench-operator} (sizes: -Dbench.sizes,
 * repetitions: -Dbench.repeats; the median of the interleaved repetitions is reported).
 */
@Tag("benchmark")
class ClassroomScaleBenchmark {
  private static final String NAMESPACE = "bench";
  private static final int WRITE_CONCURRENCY = 16;
  private static final int REPEATS = Integer.getInteger("bench.repeats", 3);

  @Test
  void provisionLargeClassrooms() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-8s %10s %10s %7s %12s %12s %14s %14s",
            "students",
            "floor s",
            "operator s",
            "ratio",
            "floor req/st",
            "op req/st",
            "op heap MB",
            "jvm heap MB"));
    // warm-up (JIT, connection pools) so the first measured size is not penalised
    floor(200);
    operator(200);
    double firstSeconds = 0;
    int firstSize = 0;
    for (String size : System.getProperty("bench.sizes", "1000,10000").split(",")) {
      int students = Integer.parseInt(size.trim());
      // runs interleaved and the median kept: the machine's load changes during a run
      List<Run> floors = new ArrayList<>();
      List<Run> operators = new ArrayList<>();
      for (int i = 0; i < REPEATS; i++) {
        floors.add(floor(students));
        operators.add(operator(students));
      }
      Run floor = median(floors);
      Run operator = median(operators);
      lines.add(
          String.format(
              "  runs at %d: floor %s s, operator %s s",
              students, seconds(floors), seconds(operators)));
      lines.add(
          String.format(
              "%-8d %10.1f %10.1f %7.2f %12.2f %12.2f %14.0f %14.0f",
              students,
              floor.seconds,
              operator.seconds,
              operator.seconds / floor.seconds,
              floor.requests / (double) students,
              operator.requests / (double) students,
              operator.jvmHeapMb - floor.jvmHeapMb,
              operator.jvmHeapMb));
      lines.add(
          String.format("  operator requests per student at %d: %s", students, operator.byKind));
      if (firstSize == 0) {
        firstSize = students;
        firstSeconds = operator.seconds;
      } else {
        lines.add(
            String.format(
                "operator time at %d / time at %d: %.1fx",
                students, firstSize, operator.seconds / firstSeconds));
      }
      lines.forEach(System.out::println);
    }
    Path report = Path.of("target", "benchmark-operator.txt");
    Files.write(report, lines, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /**
   * @param jvmHeapMb used heap after GC at the end of the run, with the in-process API and all objects still held;
   *     the operator's own heap is this minus the floor run's (same objects stored, no operator)
   * @param byKind requests per student by method, resource and answer
   */
  private record Run(double seconds, long requests, double jvmHeapMb, String byKind) {}

  /** The same objects the operator makes for each student, created by a plain client with the same concurrency. */
  private static Run floor(int students) throws Exception {
    IndexedCrudDispatcher dispatcher = new IndexedCrudDispatcher();
    KubernetesMockServer server = crudServer(dispatcher);
    try (KubernetesClient client = server.createClient()) {
      Classroom classroom = classroom(students);
      classroom.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
      long before = server.getRequestCount();
      Map<String, Long> kinds = dispatcher.requestsByKind();
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(WRITE_CONCURRENCY);
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      List<HasMetadata> shared =
          List.of(ClassroomNetworkPolicy.desired(classroom), ImagePrePuller.desired(classroom));
      shared.forEach(
          o -> writes.add(CompletableFuture.runAsync(() -> client.resource(o).create(), pool)));
      for (RosterStudent s : classroom.getSpec().roster.students) {
        Student student = new Student(s.id, null, null);
        var template = StudentServer.template(classroom, student, null);
        for (HasMetadata o :
            List.of(
                StudentAccessToken.desired(classroom, student, StudentAccessToken.newToken()),
                StudentHomeVolume.desired(classroom, student),
                StudentService.desired(classroom, student),
                StudentServiceAccount.desired(classroom, student),
                StudentSubmitRole.desired(classroom, student),
                StudentSubmitRoleBinding.desired(classroom, student),
                StudentServer.desired(
                    classroom, student, template, "x", ServerState.running("x")))) {
          writes.add(CompletableFuture.runAsync(() -> client.resource(o).create(), pool));
        }
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      return new Run(
          seconds,
          server.getRequestCount() - before,
          usedHeapMb(),
          dispatcher.perUnitSince(kinds, students));
    } finally {
      server.destroy();
    }
  }

  /** The operator, from the Classroom's creation until its status counts every student (written after all writes). */
  private static Run operator(int students) throws Exception {
    IndexedCrudDispatcher dispatcher = new IndexedCrudDispatcher();
    KubernetesMockServer server = crudServer(dispatcher);
    try (KubernetesClient client = server.createClient()) {
      try (InputStream yaml = Files.newInputStream(Path.of("../crds/classrooms.tito.dev-v1.yml"))) {
        client
            .resource(
                client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class))
            .create();
      }
      OperatorConfig config =
          new OperatorConfig(
              java.util.Set.of(),
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
      long before = server.getRequestCount();
      Map<String, Long> kinds = dispatcher.requestsByKind();
      long start = System.nanoTime();
      Classroom created = client.resource(classroom(students)).create();
      while (true) {
        Classroom now = client.resource(created).get();
        if (now.getStatus() != null && now.getStatus().total == students) {
          break;
        }
        Thread.sleep(100);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long requests = server.getRequestCount() - before;
      String byKind = dispatcher.perUnitSince(kinds, students);
      int servers = client.apps().statefulSets().inNamespace(NAMESPACE).list().getItems().size();
      if (servers != students) {
        throw new IllegalStateException("expected " + students + " servers, found " + servers);
      }
      double withOperator = usedHeapMb();
      operator.close();
      return new Run(seconds, requests, withOperator, byKind);
    } finally {
      server.destroy();
    }
  }

  private static String seconds(List<Run> runs) {
    return runs.stream()
        .map(r -> String.format("%.1f", r.seconds()))
        .collect(java.util.stream.Collectors.joining(" / "));
  }

  private static Run median(List<Run> runs) {
    List<Run> sorted =
        runs.stream().sorted(java.util.Comparator.comparingDouble(Run::seconds)).toList();
    return sorted.get(sorted.size() / 2);
  }

  /** The in-process API in CRUD mode, with a name index so that both runs measure the client, not the store. */
  /**
   * The in-process API of the benchmarks: CRUD with a name index. The mock server keeps every request it received, body
   * and all, for a test to take; a benchmark takes none, and at 10,000 students they outgrew a 3 GB heap: a daemon drops
   * them as they come (the request count stays).
   */
  static KubernetesMockServer crudServer() {
    return crudServer(new IndexedCrudDispatcher());
  }

  /** The same, with a dispatcher the caller keeps to read its requests by kind. */
  static KubernetesMockServer crudServer(IndexedCrudDispatcher dispatcher) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new io.fabric8.mockwebserver.Context(),
            new io.fabric8.mockwebserver.MockWebServer(),
            new java.util.HashMap<>(),
            dispatcher,
            false);
    server.init();
    Thread drop =
        new Thread(
            () -> {
              try {
                while (true) {
                  server.takeRequest();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "drop-recorded-requests");
    drop.setDaemon(true);
    drop.start();
    return server;
  }

  static double usedHeapMb() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }

  static Classroom classroom(int students) {
    Classroom classroom = new Classroom();
    classroom.getMetadata().setName("big");
    classroom.getMetadata().setNamespace(NAMESPACE);
    classroom.setSpec(new ClassroomSpec());
    classroom.getSpec().environment.image =
        "quay.io/jupyter/minimal-notebook@sha256:" + "c".repeat(64);
    classroom.getSpec().roster.students =
        new ArrayList<>(
            IntStream.range(0, students)
                .mapToObj(i -> new RosterStudent(String.format("s%05d", i)))
                .toList());
    return classroom;
  }
}
