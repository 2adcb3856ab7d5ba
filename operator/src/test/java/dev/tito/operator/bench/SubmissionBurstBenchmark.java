package dev.tito.operator.bench;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.classroom.ClassroomSpec;
import dev.tito.api.classroom.ConfigMapKey;
import dev.tito.api.classroom.GradingDefaults;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import dev.tito.operator.grading.GradingJob;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
  private static final String NAMESPACE = "burst";
  private static final int CLIENTS = 16;
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
    burst(200, 200, 0);
    for (String size : System.getProperty("bench.sizes", "1000,10000").split(",")) {
      int n = Integer.parseInt(size.trim());
      for (String capName : System.getProperty("bench.caps", "n," + CAP).split(",")) {
        int cap = capName.trim().equals("n") ? n : Integer.parseInt(capName.trim());
        Run floor = floor(n, cap);
        Run operator = burst(n, cap, 0);
        lines.add(
            String.format(
                "%-7d %-5d %-8s %9.1f %11.1f %7.2f %9s %9s %9s",
                n,
                cap,
                "burst",
                floor.seconds,
                operator.seconds,
                operator.seconds / floor.seconds,
                ms(operator.p50),
                ms(operator.p99),
                ms(operator.max)));
        lines.forEach(System.out::println);
      }
    }
    // below the cap at a rate the API keeps up with: the operator's own latency, not a backlog's
    int perSecond = Integer.getInteger("bench.rate", 100);
    if (perSecond > 0) {
      int steady = perSecond * 20;
      Run paced = burst(steady, steady, perSecond);
      lines.add(
          String.format(
              "%-7d %-5d %-8s %9s %11.1f %7s %9s %9s %9s",
              steady,
              steady,
              perSecond + "/s",
              "-",
              paced.seconds,
              "-",
              ms(paced.p50),
              ms(paced.p99),
              ms(paced.max)));
      lines.forEach(System.out::println);
    }
    Files.write(
        Path.of("target", "benchmark-submissions.txt"),
        lines,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** @param p50 ms from a Submission's creation to its Job's (NaN when no latency applies) */
  private record Run(double seconds, double p50, double p99, double max) {}

  /** The writes the operator makes for a burst, by a plain client with the same concurrency. */
  private static Run floor(int n, int cap) throws Exception {
    KubernetesMockServer server = ClassroomScaleBenchmark.crudServer();
    try (KubernetesClient client = server.createClient()) {
      Course course = Course.setUp(client, n, cap, false);
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      long start = System.nanoTime();
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        writes.add(
            CompletableFuture.runAsync(
                () -> {
                  Submission created = client.resource(course.submission(index)).create();
                  ConfigMap files =
                      client
                          .configMaps()
                          .inNamespace(NAMESPACE)
                          .withName(Course.files(index))
                          .get();
                  files
                      .getMetadata()
                      .setOwnerReferences(List.of(dev.tito.operator.cluster.Owners.of(created)));
                  client.resource(files).update();
                  if (index < cap) {
                    client.resource(GradingJob.desired(course.inputs(created))).create();
                  }
                  created.setStatus(new SubmissionStatus());
                  created.getStatus().phase =
                      index < cap ? SubmissionPhase.Grading : SubmissionPhase.Queued;
                  client.resource(created).updateStatus();
                },
                pool));
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      return new Run(seconds, Double.NaN, Double.NaN, Double.NaN);
    } finally {
      server.destroy();
    }
  }

  /**
   * The real operator: the Submissions created by 16 clients, until each has its Job or its place in the queue.
   *
   * @param perSecond the rate they are created at; 0 for as fast as the clients can
   */
  private static Run burst(int n, int cap, int perSecond) throws Exception {
    KubernetesMockServer server = ClassroomScaleBenchmark.crudServer();
    try (KubernetesClient client = server.createClient()) {
      TitoOperator operator =
          new TitoOperator(
              client,
              OperatorConfig.local(Duration.ofMinutes(5)),
              (uri, token) -> Optional.empty(),
              Clock.systemUTC());
      Course.installCrds(client);
      operator.start();
      Course course = Course.setUp(client, n, cap, true);
      Map<String, Long> createdAt = new ConcurrentHashMap<>();
      Map<String, Long> jobAt = new ConcurrentHashMap<>();
      Watch watch =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(NAMESPACE)
              .withLabel(GradingJob.SELECTOR.split("=")[0], GradingJob.COMPONENT)
              .watch(
                  new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Job job) {
                      if (action == Action.ADDED) {
                        jobAt.putIfAbsent(
                            job.getMetadata().getLabels().get(GradingJob.SUBMISSION),
                            System.nanoTime());
                      }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                      // the benchmark ends the watch itself
                    }
                  });
      awaitOperatorIdle();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      long start = System.nanoTime();
      List<CompletableFuture<Void>> creates =
          IntStream.range(0, n)
              .mapToObj(
                  i ->
                      CompletableFuture.runAsync(
                          () -> {
                            if (perSecond > 0) {
                              waitUntil(start + i * 1_000_000_000L / perSecond);
                            }
                            Submission submission = client.resource(course.submission(i)).create();
                            createdAt.put(submission.getMetadata().getName(), System.nanoTime());
                          },
                          pool))
              .toList();
      CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)).join();
      pool.shutdown();
      while (true) {
        long jobs = jobAt.size();
        long queued =
            cap >= n
                ? 0
                : client
                    .resources(Submission.class)
                    .inNamespace(NAMESPACE)
                    .list()
                    .getItems()
                    .stream()
                    .filter(
                        s -> s.getStatus() != null && s.getStatus().phase == SubmissionPhase.Queued)
                    .count();
        if (jobs + queued >= n && jobs >= Math.min(cap, n)) {
          break;
        }
        Thread.sleep(cap >= n ? 20 : 200);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      watch.close();
      operator.close();
      double[] latencies =
          jobAt.entrySet().stream()
              .filter(e -> createdAt.containsKey(e.getKey()))
              .mapToDouble(e -> (e.getValue() - createdAt.get(e.getKey())) / 1e6)
              .sorted()
              .toArray();
      return new Run(
          seconds,
          percentile(latencies, 0.50),
          percentile(latencies, 0.99),
          latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1]);
    } finally {
      server.destroy();
    }
  }

  /**
   * Until the operator's reconciler threads have used under 20 ms of CPU in each of two seconds: a deadline finds its
   * class set up long before, not the Classroom controller still settling the setup's events of N students.
   */
  private static void awaitOperatorIdle() throws InterruptedException {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long last = -1;
    for (int quiet = 0; quiet < 2; ) {
      Thread.sleep(1000);
      long used =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().startsWith("ReconcilerExecutor-"))
              .mapToLong(t -> Math.max(0, cpu.getThreadCpuTime(t.getId())))
              .sum();
      quiet = last >= 0 && used - last < 20_000_000L ? quiet + 1 : 0;
      last = used;
    }
  }

  private static void waitUntil(long nanoTime) {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static double percentile(double[] sorted, double p) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static String ms(double value) {
    return Double.isNaN(value) ? "-" : String.format("%.0f", value);
  }

  /** A class of n students with a released one-notebook assignment and each student's files handed in. */
  private record Course(
      Classroom classroom,
      Assignment assignment,
      String revision,
      List<String> releaseConfigMaps,
      List<String> notebooks,
      String notebook) {

    static String files(int i) {
      return "files-" + i;
    }

    static String student(int i) {
      return String.format("s%05d", i);
    }

    static void installCrds(KubernetesClient client) throws Exception {
      for (String crd :
          new String[] {
            "classrooms.tito.dev-v1.yml",
            "assignments.tito.dev-v1.yml",
            "submissions.tito.dev-v1.yml"
          }) {
        try (InputStream yaml = Files.newInputStream(Path.of("../crds", crd))) {
          client
              .resource(
                  client
                      .getKubernetesSerialization()
                      .unmarshal(yaml, CustomResourceDefinition.class))
              .create();
        }
      }
    }

    /** With {@code operator}, waits until it provisioned the class and released the assignment; else writes both. */
    static Course setUp(KubernetesClient client, int n, int cap, boolean operator)
        throws Exception {
      if (!operator) {
        installCrds(client);
      }
      String roster =
          "id\n"
              + IntStream.range(0, n).mapToObj(Course::student).collect(Collectors.joining("\n"))
              + "\n";
      client
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("roster")
                  .withNamespace(NAMESPACE)
                  .endMetadata()
                  .addToData("roster.csv", roster)
                  .build())
          .create();
      Classroom classroom = new Classroom();
      classroom.getMetadata().setName("big");
      classroom.getMetadata().setNamespace(NAMESPACE);
      classroom.setSpec(new ClassroomSpec());
      classroom.getSpec().environment.image =
          "quay.io/jupyter/minimal-notebook@sha256:" + "a".repeat(64);
      classroom.getSpec().roster.configMapRef = new ConfigMapKey();
      classroom.getSpec().roster.configMapRef.name = "roster";
      classroom.getSpec().roster.configMapRef.key = "roster.csv";
      classroom.getSpec().grading = new GradingDefaults();
      classroom.getSpec().grading.maxConcurrent = cap;
      classroom = client.resource(classroom).create();
      byte[] module =
          Files.readAllBytes(Path.of("../notebook/src/test/resources/jupytext/tinytorch_style.py"));
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("src")
                  .withNamespace(NAMESPACE)
                  .endMetadata()
                  .withData(Map.of("tiny.py", Base64.getEncoder().encodeToString(module)))
                  .build())
          .create();
      Assignment assignment = new Assignment();
      assignment.getMetadata().setName("m1");
      assignment.getMetadata().setNamespace(NAMESPACE);
      assignment.setSpec(new AssignmentSpec());
      assignment.getSpec().classroom = "big";
      assignment.getSpec().sourceSecret = "src";
      assignment = client.resource(assignment).create();
      String notebook =
          new String(
              Files.readAllBytes(Path.of("../samples/course/source/01_tensor/01_tensor.ipynb")));
      if (operator) {
        while (true) {
          Classroom seen = client.resource(classroom).get();
          Assignment released = client.resource(assignment).get();
          if (seen.getStatus() != null
              && seen.getStatus().total == n
              && released.getStatus() != null
              && released.getStatus().releasedRevision != null) {
            assignment = released;
            classroom = seen;
            break;
          }
          Thread.sleep(200);
        }
        String revision = assignment.getStatus().releasedRevision;
        List<ConfigMap> release =
            client
                .configMaps()
                .inNamespace(NAMESPACE)
                .withLabel("tito.dev/revision", revision)
                .list()
                .getItems()
                .stream()
                .filter(c -> c.getMetadata().getName().startsWith("m1-release-"))
                .toList();
        notebook = release.get(0).getData().get("tiny.ipynb");
      }
      String handedIn = notebook;
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      CompletableFuture.allOf(
              IntStream.range(0, n)
                  .mapToObj(
                      i ->
                          CompletableFuture.runAsync(
                              () ->
                                  client
                                      .resource(
                                          new ConfigMapBuilder()
                                              .withNewMetadata()
                                              .withName(files(i))
                                              .withNamespace(NAMESPACE)
                                              .endMetadata()
                                              .addToData("tiny.ipynb", handedIn)
                                              .build())
                                      .create(),
                              pool))
                  .toArray(CompletableFuture[]::new))
          .join();
      pool.shutdown();
      String revision = operator ? assignment.getStatus().releasedRevision : "0123456789";
      return new Course(
          classroom,
          assignment,
          revision,
          List.of("m1-release-" + revision + "-0"),
          List.of("tiny.ipynb"),
          handedIn);
    }

    Submission submission(int i) {
      Submission submission = new Submission();
      submission.getMetadata().setName("sub-" + i);
      submission.getMetadata().setNamespace(NAMESPACE);
      submission.setSpec(new SubmissionSpec());
      submission.getSpec().assignment = "m1";
      submission.getSpec().student = student(i);
      submission.getSpec().notebookConfigMap = files(i);
      return submission;
    }

    GradingJob.Inputs inputs(Submission created) {
      return new GradingJob.Inputs(
          created,
          assignment,
          classroom,
          revision,
          releaseConfigMaps,
          notebooks,
          0,
          1,
          OperatorConfig.LOCAL_JOB_IMAGE,
          null);
    }
  }
}
