package dev.tito.demo;

import static org.assertj.core.api.Assertions.fail;

import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, speed: one small submission (the sample student ada's) graded by the real operator in its own grading Job,
 * the pod's containers run as processes and in podman, interleaved in one run. Reports per mode the wall time per graded
 * submission and each step's run from its container's start to its end, as the kubelet wrote it in the pod's status
 * (podman's minus the processes' is the container start overhead), beside bare podman runs of the course image as a
 * floor. Needs root, podman and the images of images/build-local.sh: see docs/benchmarks.md (g).
 */
@Tag("benchmark")
class GradingInContainersBenchmark {
  private static final String STUDENT = "ada";
  private static final String MODULE = "01_tensor";
  private static final int RUNS = Integer.getInteger("bench.runs", 5);
  private static final Path REPORT = Path.of("target", "benchmark-containers.txt");
  private static final String WALL = "graded submission: the node starts the Job → Graded";
  private static final String STEPS = "three steps together";

  /**
   * One graded submission.
   *
   * @param times from the node starting its Job to the operator writing Graded, then each step's run and their sum
   * @param steps each step's container, from its start to its end
   * @param namespace the grading pod's namespace
   * @param pod the grading pod's name
   */
  private record Graded(
      Map<String, Duration> times,
      Map<String, GradingSteps.Run> steps,
      String namespace,
      String pod) {}

  /** A step in podman outside its container: from the podman client's start to the container's, and from its death to the client's end. */
  private record Outside(Duration before, Duration after) {
    Duration total() {
      return before.plus(after);
    }
  }

  @Test
  void gradingInContainersVersusAsProcesses(@TempDir Path folder) throws Exception {
    String runtime = System.getenv().getOrDefault("TITO_PODMAN_RUNTIME", "runc");
    Map<String, String> images = PodmanContainers.demoImages(System.getenv());
    PodmanContainers podman = new PodmanContainers(runtime, images);
    Optional<String> why = podman.probe();
    if (why.isPresent()) {
      fail("GradingInContainersBenchmark: podman cannot run the grading pods here: " + why.get());
    }
    Map<String, Containers> modes = new LinkedHashMap<>();
    modes.put("processes", LocalImages.sameClassPath(TitoWithDemo.class.getName()));
    modes.put("podman", podman);
    String course = images.get(PodmanContainers.SAMPLE_CLASSROOM_IMAGE);
    Map<String, List<String>> floors = new LinkedHashMap<>();
    // the grading pods' containers have no network: this is the floor they compare with
    floors.put(
        "podman run --rm --network none <course image> true",
        List.of(
            "podman", "--runtime", runtime, "run", "--rm", "--network", "none", course, "true"));
    floors.put(
        "podman run --rm <course image> true",
        List.of("podman", "--runtime", runtime, "run", "--rm", course, "true"));
    Path samples = oneSubmission(folder.resolve("samples"));
    String loadBefore = loadAverage();
    Map<String, List<Duration>> floorRuns = new LinkedHashMap<>();
    Map<String, List<Graded>> graded = interleaved(modes, floors, samples, folder, floorRuns);
    List<Map<String, Outside>> outside = new ArrayList<>();
    for (Graded run : graded.get("podman")) {
      outside.add(outside(run));
    }
    String title =
        "Grading one small submission (sample student "
            + STUDENT
            + ", module "
            + MODULE
            + ") as processes and in podman ("
            + runtime
            + "), "
            + RUNS
            + " runs each, interleaved, after one warm-up each; load average (1, 5, 15 min) "
            + loadBefore
            + " at the start, "
            + loadAverage()
            + " at the end, "
            + Runtime.getRuntime().availableProcessors()
            + " cores";
    String report =
        title
            + "\n\n"
            + table(graded.get("processes"), graded.get("podman"))
            + "\n"
            + outsideTable(outside)
            + "\n"
            + floorTable(floorRuns, graded, outside);
    System.out.println(report);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, report);
  }

  /** Grades the submission in each mode in turn, then runs each floor, {@code RUNS} times, after one warm-up per mode. */
  private static Map<String, List<Graded>> interleaved(
      Map<String, Containers> modes,
      Map<String, List<String>> floors,
      Path samples,
      Path folder,
      Map<String, List<Duration>> floorRuns)
      throws IOException, InterruptedException {
    // not counted: the first run of each mode loads the operator's classes and reads the images
    // from disk
    for (Map.Entry<String, Containers> mode : modes.entrySet()) {
      grade(mode.getValue(), samples, folder.resolve("warm-up-" + mode.getKey()));
    }
    Map<String, List<Graded>> graded = new LinkedHashMap<>();
    for (int run = 1; run <= RUNS; run++) {
      for (Map.Entry<String, Containers> mode : modes.entrySet()) {
        Graded one = grade(mode.getValue(), samples, folder.resolve(mode.getKey() + "-" + run));
        graded.computeIfAbsent(mode.getKey(), m -> new ArrayList<>()).add(one);
      }
      for (Map.Entry<String, List<String>> floor : floors.entrySet()) {
        floorRuns
            .computeIfAbsent(floor.getKey(), f -> new ArrayList<>())
            .add(timed(floor.getValue()));
      }
    }
    return graded;
  }

  /** The sample course with one student, ada, who hands in the module: one grading Job, and one delivery Job before it. */
  private static Path oneSubmission(Path samples) throws IOException {
    Path handIn =
        Files.createDirectories(
            samples.resolve("course/submitted").resolve(STUDENT).resolve(MODULE));
    try (Stream<Path> files =
        Files.list(
            SamplesTest.SAMPLES.resolve("course/submitted").resolve(STUDENT).resolve(MODULE))) {
      for (Path file : files.toList()) {
        Files.copy(file, handIn.resolve(file.getFileName()));
      }
    }
    for (String file : List.of("assignment-source.yaml", "assignment.yaml")) {
      Files.copy(SamplesTest.SAMPLES.resolve(file), samples.resolve(file));
    }
    Classroom classroom =
        (Classroom) SampleManifests.read(SamplesTest.SAMPLES.resolve("classroom.yaml")).get(0);
    classroom.getSpec().roster.students.removeIf(student -> !STUDENT.equals(student.id));
    Files.writeString(samples.resolve("classroom.yaml"), SampleManifests.yaml(List.of(classroom)));
    return samples;
  }

  /** Grades the submission in a fresh demo (its own API, operator and kubelet) and reads how it went before the demo stops. */
  private static Graded grade(Containers containers, Path samples, Path folder) throws IOException {
    AtomicReference<Graded> graded = new AtomicReference<>();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    // one Job at a time: the delivery Job to the student's home does not run beside the grading Job
    Demo demo =
        new Demo(
            new Demo.Settings(
                samples,
                MODULE,
                folder,
                Duration.ofMinutes(5),
                1,
                containers,
                ApiChoice.inProcess()),
            new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      demo.run((client, namespace) -> graded.set(read(client, namespace)));
    } catch (Demo.DemoException | RuntimeException e) {
      throw new AssertionError(
          containers.how()
              + ": "
              + e.getMessage()
              + "\n"
              + printed.toString(StandardCharsets.UTF_8),
          e);
    }
    return graded.get();
  }

  /** The one submission, graded at the first attempt with the sample's score, and its grading pod as the kubelet left it. */
  private static Graded read(KubernetesClient client, String namespace) {
    List<Submission> submissions =
        client.resources(Submission.class).inNamespace(namespace).list().getItems();
    var status = submissions.size() == 1 ? submissions.get(0).getStatus() : null;
    if (status == null
        || status.phase != SubmissionPhase.Graded
        || !Integer.valueOf(1).equals(status.attempts)
        || !Double.valueOf(3).equals(status.score)) {
      throw new IllegalStateException(
          "expected one submission graded 3/5 at the first attempt, got "
              + submissions.stream()
                  .map(
                      s ->
                          s.getStatus() == null
                              ? "no status"
                              : s.getStatus().phase
                                  + " "
                                  + s.getStatus().score
                                  + " (attempt "
                                  + s.getStatus().attempts
                                  + "): "
                                  + s.getStatus().message)
                  .toList());
    }
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(status.jobName).get();
    Pod pod = GradingSteps.pods(client, namespace).get(0);
    Map<String, Duration> times = new LinkedHashMap<>();
    times.put(
        WALL,
        Duration.between(
            Instant.parse(job.getStatus().getStartTime()), Instant.parse(status.completedAt)));
    Map<String, GradingSteps.Run> steps = GradingSteps.of(pod);
    steps.forEach((step, run) -> times.put(step, run.took()));
    times.put(
        STEPS,
        steps.values().stream().map(GradingSteps.Run::took).reduce(Duration.ZERO, Duration::plus));
    return new Graded(times, steps, namespace, pod.getMetadata().getName());
  }

  /** Each podman step's time outside its container, from podman's own events of the step's container (start, died). */
  private static Map<String, Outside> outside(Graded graded)
      throws IOException, InterruptedException {
    // no --until: podman 4.3 lists nothing with an absolute one; without streaming it stops at the
    // log's end
    long since = graded.steps().get(GradingSteps.NAMES.get(0)).startedAt().getEpochSecond() - 1;
    Process events =
        new ProcessBuilder(
                "podman",
                "events",
                "--stream=false",
                "--since",
                Long.toString(since),
                "--filter",
                "type=container",
                "--format",
                "{{.Time.UnixNano}} {{.Status}} {{.Name}}")
            .redirectErrorStream(true)
            .start();
    Map<String, Instant> seen = new LinkedHashMap<>();
    for (String line :
        new String(events.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      String[] fields = line.split(" ");
      if (fields.length == 3) {
        long nanos = Long.parseLong(fields[0]);
        seen.put(fields[2] + " " + fields[1], Instant.ofEpochSecond(0, nanos));
      }
    }
    events.waitFor();
    Map<String, Outside> outside = new LinkedHashMap<>();
    graded
        .steps()
        .forEach(
            (step, run) -> {
              String name = PodmanContainers.containerName(graded.namespace(), graded.pod(), step);
              Instant started = seen.get(name + " start");
              Instant died = seen.get(name + " died");
              if (started == null || died == null) {
                throw new IllegalStateException(
                    "podman events has no start and died of " + name + ": " + seen.keySet());
              }
              outside.put(
                  step,
                  new Outside(
                      Duration.between(run.startedAt(), started),
                      Duration.between(died, run.finishedAt())));
            });
    return outside;
  }

  /** Each time's median and minimum per mode, podman's overhead over the processes' and their ratio (a Markdown table). */
  private static String table(List<Graded> processes, List<Graded> podman) {
    StringBuilder table =
        new StringBuilder(
            "| | processes median | processes min | podman median | podman min "
                + "| podman − processes (median) | podman / processes, median (min) |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (String time : processes.get(0).times().keySet()) {
      Duration processMedian = median(times(processes, time));
      Duration processMin = min(times(processes, time));
      Duration podmanMedian = median(times(podman, time));
      Duration podmanMin = min(times(podman, time));
      String label = GradingSteps.NAMES.contains(time) ? time + ": container start → end" : time;
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %.2fx (%.2fx) |%n",
              label,
              seconds(processMedian),
              seconds(processMin),
              seconds(podmanMedian),
              seconds(podmanMin),
              seconds(podmanMedian.minus(processMedian)),
              ratio(podmanMedian, processMedian),
              ratio(podmanMin, processMin)));
    }
    return table.toString();
  }

  /** Per podman step: the time before its container starts, after it dies, and both (medians; the minimum of both). */
  private static String outsideTable(List<Map<String, Outside>> runs) {
    StringBuilder table =
        new StringBuilder(
            "| podman, outside the container (podman events) | client start → container start "
                + "| container died → client end | both, median | both, min |\n|---|---:|---:|---:|---:|\n");
    for (String step : GradingSteps.NAMES) {
      List<Outside> outside = runs.stream().map(run -> run.get(step)).toList();
      List<Duration> totals = outside.stream().map(Outside::total).toList();
      table.append(
          "| "
              + step
              + " | "
              + seconds(median(outside.stream().map(Outside::before).toList()))
              + " | "
              + seconds(median(outside.stream().map(Outside::after).toList()))
              + " | "
              + seconds(median(totals))
              + " | "
              + seconds(min(totals))
              + " |\n");
    }
    List<Duration> threeSteps = threeSteps(runs);
    return table
        .append(
            "| "
                + STEPS
                + " | | | "
                + seconds(median(threeSteps))
                + " | "
                + seconds(min(threeSteps))
                + " |\n")
        .toString();
  }

  /** The bare podman runs, and the three steps' container overhead in both measures beside the first. */
  private static String floorTable(
      Map<String, List<Duration>> floorRuns,
      Map<String, List<Graded>> graded,
      List<Map<String, Outside>> outside) {
    StringBuilder table = new StringBuilder("| floor | median | min |\n|---|---:|---:|\n");
    floorRuns.forEach(
        (floor, runs) ->
            table.append(
                "| `"
                    + floor
                    + "` | "
                    + seconds(median(runs))
                    + " | "
                    + seconds(min(runs))
                    + " |\n"));
    Duration difference =
        median(times(graded.get("podman"), STEPS))
            .minus(median(times(graded.get("processes"), STEPS)));
    Duration outsideSteps = median(threeSteps(outside));
    Duration floor = median(floorRuns.values().iterator().next());
    return table
        + String.format(
            Locale.ROOT,
            "%nthree steps, podman − processes (medians): %s (%.1f floors with no network);"
                + " outside the containers in podman (median): %s (%.1f floors)%n",
            seconds(difference),
            ratio(difference, floor),
            seconds(outsideSteps),
            ratio(outsideSteps, floor));
  }

  /** Per run, the three steps' time outside their containers. */
  private static List<Duration> threeSteps(List<Map<String, Outside>> runs) {
    return runs.stream()
        .map(run -> run.values().stream().map(Outside::total).reduce(Duration.ZERO, Duration::plus))
        .toList();
  }

  private static List<Duration> times(List<Graded> runs, String time) {
    return runs.stream().map(run -> run.times().get(time)).toList();
  }

  private static Duration median(List<Duration> times) {
    List<Duration> sorted = times.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
  }

  private static Duration min(List<Duration> times) {
    return times.stream().min(Duration::compareTo).orElseThrow();
  }

  private static double ratio(Duration numerator, Duration denominator) {
    return (double) numerator.toNanos() / denominator.toNanos();
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
  }

  /** Wall time of a command that must succeed, its output discarded. */
  private static Duration timed(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    int exit = process.waitFor();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
    }
    return took;
  }

  /** The 1, 5 and 15-minute load averages, as uptime prints them. */
  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }
}
