package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tito.notebook.hostile.HostileCode;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile submissions graded by the real operator in its own grading Job spec, each step in podman with the built
 * images (the course image runs the student's code), beside an honest one: the attacks of the process-mode suite
 * ({@code HostileStudentCodeTest}) against the container's limits. Needs root, podman and images/build-local.sh's images.
 */
@Tag("images")
class PodmanHostileGradingTest {
  private static final Path ADA = SamplesTest.SAMPLES.resolve("course/submitted/ada/01_tensor");

  /** A per-cell timeout is 30 s (tito job prepare): the Job's deadline must come first for the loop to be a Timeout. */
  private static final String CLASSROOM =
      """
      apiVersion: tito.dev/v1alpha1
      kind: Classroom
      metadata:
        name: ml
      spec:
        roster:
          students: [%s]
        environment:
          image: %s
        grading:
          timeout: 25s
          maxConcurrent: 2
          resources:
            limits: {cpu: "1", memory: 256Mi, ephemeral-storage: 32Mi}
            requests: {cpu: "1", memory: 256Mi}
      """;

  /** Student code that changes the Python the next notebook's nbconvert imports, or finds it cannot; and /tmp. */
  private static final String REWRITES_PACKAGES =
      """
      import os, nbconvert
      for label, path in [('packages', os.path.join(os.path.dirname(nbconvert.__file__), 'tito_probe.py')),
                          ('tmp', '/tmp/tito_probe.txt')]:
          try:
              with open(path, 'w') as f:
                  f.write('x')
              print(label + ': written')
          except OSError as e:
              print(label + ': refused', e)
      """;

  /** Eight processes of 64 MiB each: within every per-process limit, twice the container's 256Mi in total. */
  private static final String FORK_AND_HOG =
      """
      import os, time
      children = []
      for i in range(8):
          pid = os.fork()
          if pid == 0:
              hog = bytearray(64 * 1024**2)
              time.sleep(20)
              os._exit(0)
          children.append(pid)
      for pid in children:
          os.waitpid(pid, 0)
      print('all eight held their memory')
      """;

  @TempDir static Path folder;
  private static String output;

  @BeforeAll
  static void gradeEveryoneInContainers() throws Exception {
    PodmanContainers podman =
        new PodmanContainers(
            System.getenv().getOrDefault("TITO_PODMAN_RUNTIME", "runc"),
            PodmanContainers.demoImages(System.getenv()));
    Optional<String> why = podman.probe();
    if (why.isPresent()) {
      System.err.println("PodmanHostileGradingTest skipped: " + why.get());
    }
    assumeTrue(why.isEmpty(), why.orElse(""));
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put(
        "memory-bomb", "hog = []\nfor i in range(12):\n    hog.append(bytearray(256 * 1024**2))");
    attacks.put("fork-bomb", HostileCode.forkBomb(1000));
    attacks.put("disk-filler", HostileCode.FILLS_DISK);
    attacks.put("network", HostileCode.usesNetwork(22));
    attacks.put(
        "loops-forever",
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass");
    attacks.put(
        "reader",
        HostileCode.readsFiles(
            Map.of(
                "gradebook",
                "/var/run/tito/gradebook/gradebook.json",
                "release",
                "/var/run/tito/release/01_tensor.ipynb",
                "honest",
                "/var/run/tito/submission/01_tensor.ipynb",
                "honest's pod",
                folder.resolve("demo/pods").toString(),
                "own notebook",
                "01_tensor.ipynb")));
    attacks.put("forges-notebook", HostileCode.FORGES_NOTEBOOK);
    attacks.put(
        "kills-everyone", "import os, signal\nos.kill(-1, signal.SIGKILL)\nprint('still alive')");
    attacks.put("exits", "import sys\nsys.exit(0)");
    attacks.put("exits-hard", "import os\nos._exit(0)");
    attacks.put("rewrites-packages", REWRITES_PACKAGES);
    attacks.put("fork-and-hog", FORK_AND_HOG);
    Path samples = samples(attacks);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    new Demo(
            new Demo.Settings(
                samples,
                "01_tensor",
                folder.resolve("demo"),
                Duration.ofMinutes(8),
                2,
                podman,
                ApiChoice.inProcess()),
            new PrintStream(printed, true, StandardCharsets.UTF_8))
        .run();
    output = printed.toString(StandardCharsets.UTF_8);
    System.out.println(output);
    for (String student : attacks.keySet()) {
      System.out.println(student + " printed: " + feedback(student) + executeLog(student));
    }
  }

  @Test
  void theHonestStudentGetsFullMarksBesideAllOfThem() {
    assertThat(output)
        .contains(
            "submission tensors-honest (honest): Graded, score 3/5, a written answer still to mark by hand");
  }

  @Test
  void aMemoryBombIsKilledAtTheContainersLimitAndReportedOutOfMemory() {
    assertThat(output)
        .contains(
            "submission tensors-memory-bomb (memory-bomb): Failed (OutOfMemory: the notebook used more memory than the class allows");
  }

  @Test
  void manyProcessesEachWithinItsOwnLimitsAreStoppedByTheContainersMemoryLimitInTotal()
      throws IOException {
    assertThat(output)
        .contains(
            "submission tensors-fork-and-hog (fork-and-hog): Failed (OutOfMemory: the notebook used more memory");
    assertThat(feedback("fork-and-hog")).doesNotContain("all eight held their memory");
  }

  @Test
  void aForkBombIsStoppedByThePidsLimit() throws IOException {
    // the attack replaces the first answer (1 point): the other test still passes
    assertThat(output).contains("submission tensors-fork-bomb (fork-bomb): Graded, score 2/5");
    assertThat(feedback("fork-bomb"))
        .containsPattern("fork refused after \\d+")
        .doesNotContain("forked 1000");
  }

  @Test
  void aDiskFillerIsStoppedByTheScratchVolumesSize() throws IOException {
    assertThat(output)
        .containsPattern(
            "submission tensors-disk-filler \\(disk-filler\\): (Failed|Graded, score 2/5)");
    assertThat(feedback("disk-filler") + executeLog("disk-filler"))
        .contains("No space left on device");
  }

  @Test
  void theNetworkIsNotThere() throws IOException {
    assertThat(feedback("network"))
        .contains("interfaces: ['lo']")
        .contains("internet: refused")
        .doesNotContain("route found")
        .doesNotContain("connected");
  }

  @Test
  void anUninterruptibleLoopEndsAsATimeout() {
    assertThat(output)
        .contains(
            "submission tensors-loops-forever (loops-forever): Failed (Timeout: grading ran past the class's timeout");
  }

  @Test
  void theGradebookTheReleaseTheHiddenTestsOtherSubmissionsAndOtherPodsAreNotInTheContainer()
      throws IOException {
    assertThat(feedback("reader"))
        .contains("gradebook: missing")
        .contains("release: missing")
        .contains("honest: missing")
        .contains("honest's pod: missing")
        .contains("own notebook: missing")
        .doesNotContain("gradebook: read")
        .doesNotContain("release: read");
  }

  @Test
  void bytesForgedOnEveryOutputTheKernelCanReachEarnNothing() throws IOException {
    // the attack replaces ada's zeros answer: the rest of her answers earn 2 of 5, the forged bytes
    // nothing more
    assertThat(output)
        .containsPattern(
            "submission tensors-forges-notebook \\(forges-notebook\\): (Failed \\(KernelDied|Graded, score [0-2]/5)");
    assertThat(feedback("forges-notebook") + executeLog("forges-notebook"))
        .doesNotContain(" written");
  }

  @Test
  void killingEveryProcessItCanSignalEndsOnlyItsOwnGrading() {
    assertThat(output)
        .containsPattern(
            "submission tensors-kills-everyone \\(kills-everyone\\): Failed \\(KernelDied: executing the notebooks stopped with exit code \\d+\\)");
    assertThat(output).contains("submission tensors-honest (honest): Graded");
  }

  @Test
  void sysExitIsCaughtByTheKernelAndTheTestsStillRun() {
    assertThat(output).contains("submission tensors-exits (exits): Graded, score 2/5");
  }

  @Test
  void osExitKillsTheKernelAndTheGradingFailsAsKernelDied() {
    assertThat(output)
        .contains(
            "submission tensors-exits-hard (exits-hard): Failed (KernelDied: executing the notebooks stopped with exit code 1)");
  }

  @Test
  void studentCodeCannotChangeThePythonPackagesOfTheCourseImageButMayUseTmp() throws IOException {
    assertThat(feedback("rewrites-packages"))
        .contains("packages: refused")
        .contains("Read-only file system")
        .contains("tmp: written")
        .doesNotContain("packages: written");
  }

  /** The sample assignment, with a roster of one honest student (ada's work) and one student per attack. */
  private static Path samples(Map<String, String> attacks) throws IOException {
    Path samples = Files.createDirectories(folder.resolve("samples"));
    for (String file : new String[] {"assignment-source.yaml", "assignment.yaml"}) {
      Files.copy(SamplesTest.SAMPLES.resolve(file), samples.resolve(file));
    }
    String roster =
        String.join(", ", attacks.keySet().stream().map(id -> "{id: " + id + "}").toList())
            + ", {id: honest}";
    Files.writeString(
        samples.resolve("classroom.yaml"),
        CLASSROOM.formatted(roster, PodmanContainers.SAMPLE_CLASSROOM_IMAGE));
    handIn(samples, "honest", NotebookReader.read(ADA.resolve("01_tensor.ipynb")));
    for (Map.Entry<String, String> attack : attacks.entrySet()) {
      Notebook notebook = NotebookReader.read(ADA.resolve("01_tensor.ipynb"));
      notebook.cells().stream()
          .filter(c -> "zeros".equals(GradingFlags.gradeId(c)))
          .findFirst()
          .orElseThrow()
          .setSource(attack.getValue());
      handIn(samples, attack.getKey(), notebook);
    }
    return samples;
  }

  private static void handIn(Path samples, String student, Notebook notebook) throws IOException {
    Path module =
        Files.createDirectories(samples.resolve("course/submitted/" + student + "/01_tensor"));
    Files.write(module.resolve("01_tensor.ipynb"), NotebookWriter.toBytes(notebook));
    Files.copy(ADA.resolve("timestamp.txt"), module.resolve("timestamp.txt"));
  }

  /** What the student's cells printed, from their feedback page (which also shows the cells' code), entities decoded. */
  private static String feedback(String student) throws IOException {
    Path page = folder.resolve("demo/feedback/" + student + ".html");
    String html = Files.exists(page) ? Files.readString(page) : "";
    StringBuilder printed = new StringBuilder();
    java.util.regex.Matcher outputs =
        java.util.regex.Pattern.compile(
                "<pre class=\"(?:stdout|stderr)\">(.*?)</pre>", java.util.regex.Pattern.DOTALL)
            .matcher(html);
    while (outputs.find()) {
      printed.append(outputs.group(1)).append('\n');
    }
    return printed
        .toString()
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** The execute containers' logs of the student's grading pods. */
  private static String executeLog(String student) throws IOException {
    StringBuilder logs = new StringBuilder();
    try (var pods = Files.list(folder.resolve("demo/pods/default"))) {
      for (Path pod :
          pods.filter(p -> p.getFileName().toString().startsWith("tensors-" + student + "-"))
              .toList()) {
        Path log = pod.resolve("logs/execute.log");
        if (Files.exists(log)) {
          logs.append(Files.readString(log));
        }
      }
    }
    return logs.toString();
  }
}
