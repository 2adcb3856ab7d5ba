package dev.tito.notebook.execute;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.withIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tito.notebook.ipynb.FolderSwap;
import dev.tito.notebook.ipynb.Notebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grading worker on real kernels: what one notebook's kernel does never reaches the next notebook, the slots'
 * notebooks run side by side in one worker, and a kernel that dies, hangs or runs out of memory fails only its own
 * notebook while the worker goes on (or, if the worker itself stops, a new one runs the notebook again).
 */
class GradingWorkerTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final ExecutionLimits LIMITS =
      ExecutionLimits.defaults()
          .withPerCellTimeout(Duration.ofSeconds(60))
          .withDeadline(Duration.ofSeconds(120));

  @BeforeAll
  static void needsJupyter() throws Exception {
    assumeTrue(
        Files.isExecutable(PYTHON)
            && new ProcessBuilder(PYTHON.toString(), "-c", "import nbconvert, ipykernel")
                    .start()
                    .waitFor()
                == 0,
        "needs Debian's Jupyter: /usr/bin/python3 with nbconvert and ipykernel");
  }

  private static Notebook cells(String... sources) {
    return withIds(
        notebook(
            java.util.Arrays.stream(sources)
                .map(s -> code(s))
                .toArray(com.fasterxml.jackson.databind.node.ObjectNode[]::new)));
  }

  private static ExecutionOutcome run(
      LocalJupyterExecutor executor, ExecutionLimits limits, String... sources) {
    return executor.execute(
        "n.ipynb", cells(sources), List.of(), limits, ExecutionPurpose.AUTOGRADE);
  }

  private static String printed(ExecutionOutcome outcome, int cell) {
    return outcome.executed().cells().get(cell).outputs().get(0).path("text").asText();
  }

  /** The Python processes this JVM started: grading workers (a test compares the sets before and after). */
  private static Set<Long> workers() {
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().command().orElse("").contains("python"))
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  @Test
  void aKernelThatDiesHangsOrRunsOutOfMemoryFailsOnlyItsOwnNotebookAndTheWorkerGoesOn() {
    Set<Long> before = workers();
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor(PYTHON, 1)) {
      ExecutionOutcome first = run(executor, LIMITS, "print('first')");
      Set<Long> worker = workers();
      worker.removeAll(before);

      ExecutionOutcome dies = run(executor, LIMITS, "import os\nos._exit(1)", "print('never')");
      ExecutionOutcome hangs =
          run(
              executor,
              LIMITS.withDeadline(Duration.ofSeconds(4)),
              "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass");
      ExecutionOutcome hogs = run(executor, LIMITS, "hog = bytearray(8 * 1024**3)");
      ExecutionOutcome after = run(executor, LIMITS, "print('after')");

      assertThat(printed(first, 0)).isEqualTo("first\n");
      assertThat(dies.failure()).as(dies.message()).isEqualTo(FailureClass.KERNEL_DIED);
      assertThat(hangs.failure()).isEqualTo(FailureClass.TIMEOUT);
      assertThat(hangs.message()).isEqualTo("execution exceeded the deadline of 4 s");
      assertThat(hogs.failure()).isEqualTo(FailureClass.OUT_OF_MEMORY);
      assertThat(after.failure()).isEqualTo(FailureClass.OK);
      assertThat(printed(after, 0)).isEqualTo("after\n");
      assertThat(worker).hasSize(1);
      assertThat(workers()).as("the same worker ran all five").containsAll(worker);
    }
  }

  /** A folder every kernel can write (as root they run as nobody), where two notebooks meet. */
  private static Path meetingPlace() throws Exception {
    Path place = Files.createTempDirectory("tito-meet-");
    Files.setPosixFilePermissions(place, PosixFilePermissions.fromString("rwxrwxrwx"));
    return place;
  }

  /** A cell that leaves {@code mine} in the place and waits up to 30 s for {@code theirs}. */
  private static String meet(Path place, String mine, String theirs) {
    return String.format(
        "import os, time%nopen(os.path.join(%s, %s), 'w').close()%nfor _ in range(3000):%n"
            + "    if os.path.exists(os.path.join(%s, %s)):%n        break%n    time.sleep(0.01)%n"
            + "print('met' if os.path.exists(os.path.join(%s, %s)) else 'alone')",
        quoted(place), quoted(mine), quoted(place), quoted(theirs), quoted(place), quoted(theirs));
  }

  private static String quoted(Object text) {
    return "'" + text + "'";
  }

  private static CompletableFuture<ExecutionOutcome> inBackground(
      LocalJupyterExecutor executor, String... sources) {
    return CompletableFuture.supplyAsync(() -> run(executor, LIMITS, sources));
  }

  @Test
  void twoSlotsRunTheirNotebooksAtOnceInOneWorker() throws Exception {
    Set<Long> before = workers();
    Path place = meetingPlace();
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor(PYTHON, 2)) {
      CompletableFuture<ExecutionOutcome> first = inBackground(executor, meet(place, "a", "b"));
      CompletableFuture<ExecutionOutcome> second = inBackground(executor, meet(place, "b", "a"));

      assertThat(printed(first.get(), 0))
          .as("each waits for the other: only side by side they meet")
          .isEqualTo("met\n");
      assertThat(printed(second.get(), 0)).isEqualTo("met\n");
      Set<Long> worker = workers();
      worker.removeAll(before);
      assertThat(worker).as("one worker process for both slots").hasSize(1);
    } finally {
      FolderSwap.deleteTree(place);
    }
  }

  @Test
  void aKernelThatDiesBesideAnotherNotebookFailsOnlyItsOwn() throws Exception {
    Path place = meetingPlace();
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor(PYTHON, 2)) {
      CompletableFuture<ExecutionOutcome> survives =
          inBackground(
              executor, meet(place, "a", "b"), "import time\ntime.sleep(1)\nprint('survived')");
      CompletableFuture<ExecutionOutcome> dies =
          inBackground(executor, meet(place, "b", "a"), "import os\nos._exit(1)");

      assertThat(dies.get().failure()).as(dies.get().message()).isEqualTo(FailureClass.KERNEL_DIED);
      assertThat(survives.get().failure()).as(survives.get().message()).isEqualTo(FailureClass.OK);
      assertThat(printed(survives.get(), 0)).isEqualTo("met\n");
      assertThat(printed(survives.get(), 1)).isEqualTo("survived\n");
    } finally {
      FolderSwap.deleteTree(place);
    }
  }

  @Test
  void everyNotebookGetsAFreshKernelThatKnowsNothingOfTheNotebookBefore() {
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor(PYTHON, 1)) {
      ExecutionOutcome leaves =
          run(
              executor,
              LIMITS,
              "import builtins, os, sys\nbuiltins.left_behind = 1\n"
                  + "os.environ['LEFT_BEHIND'] = '1'\nsys.modules['left_behind'] = sys\nanswer = 42\nprint('left')");
      ExecutionOutcome finds =
          run(
              executor,
              LIMITS,
              "import builtins, os, sys\nprint(hasattr(builtins, 'left_behind'), "
                  + "os.environ.get('LEFT_BEHIND'), 'left_behind' in sys.modules, 'answer' in globals())");

      assertThat(printed(leaves, 0)).isEqualTo("left\n");
      assertThat(printed(finds, 0)).isEqualTo("False None False False\n");
    }
  }

  @Test
  void aWorkerThatStopsMidNotebookIsReplacedAndTheNotebookRunsAgain() throws Exception {
    Set<Long> before = workers();
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor(PYTHON, 1)) {
      run(executor, LIMITS, "pass");
      Set<Long> first = workers();
      first.removeAll(before);

      CompletableFuture<ExecutionOutcome> slow =
          CompletableFuture.supplyAsync(
              () -> run(executor, LIMITS, "import time\ntime.sleep(3)\nprint('done')"));
      Thread.sleep(1500);
      first.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      ExecutionOutcome outcome = slow.get();

      assertThat(outcome.failure()).as(outcome.message()).isEqualTo(FailureClass.OK);
      assertThat(printed(outcome, 0)).isEqualTo("done\n");
      Set<Long> second = workers();
      second.removeAll(before);
      assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
    }
  }

  @Test
  void aBatchOfKnownSizeStartsNoKernelAfterItsLastNotebook() throws Exception {
    // Pythons left by earlier tests of this JVM (kernels on their way out) are not this executor's
    Set<Long> earlier = pythons().map(ProcessHandle::pid).collect(Collectors.toSet());
    try (LocalJupyterExecutor executor = new LocalJupyterExecutor(PYTHON, 1)) {
      executor.warm(LIMITS, ExecutionPurpose.AUTOGRADE, 2);
      run(executor, LIMITS, "pass");
      ExecutionOutcome last = run(executor, LIMITS, "print('last')");

      assertThat(printed(last, 0)).isEqualTo("last\n");
      // the worker and its forge, no kernel waiting for a third notebook (a killed kernel may take
      // a moment to go)
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (started(earlier) > 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(started(earlier)).isEqualTo(2);
    }
  }

  /** The Python processes below this JVM: grading workers, their forges and their kernels. */
  private static Stream<ProcessHandle> pythons() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().command().orElse("").contains("python"));
  }

  /** The Python processes below this JVM that were not there before. */
  private static long started(Set<Long> earlier) {
    return pythons().filter(p -> !earlier.contains(p.pid())).count();
  }
}
