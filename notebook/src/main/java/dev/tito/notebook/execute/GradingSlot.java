package dev.tito.notebook.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code --parallel} slot: its runs on the shared grading worker, and the kernel it keeps started there for its
 * next notebook. Each notebook runs in that kernel, and the following notebook's kernel starts while it runs. A worker
 * that stops or stops answering is replaced: the notebook is tried once more on the new worker (a kernel cannot stop
 * the worker as root; as the same user it can), or past its deadline reported as a timeout. Used by one thread at a
 * time; the slots share the worker.
 */
final class GradingSlot {
  /** How long past a run's deadline the worker may take to say so before it is killed. */
  private static final Duration GRACE = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Workers workers;
  private final Path runs;
  private final boolean asRoot;
  private Spare spare;

  /** The worker every slot shares, started or replaced on demand. */
  interface Workers {
    /** The running worker, or a new one when there is none or it was lost. */
    GradingWorker current() throws IOException;

    /** Kills {@code worker} if it is still the current one: the next {@link #current} starts another. */
    void replace(GradingWorker worker);

    /** Whether a kernel may be started ahead, for a notebook still to come. */
    boolean claimKernelAhead();
  }

  /** The kernel started ahead for the next notebook, on which worker, and the limits and purpose it was started with. */
  private record Spare(GradingWorker worker, long id, RunFolder folder, Kernel kernel) {}

  /** What a kernel is started with: a spare started for other limits is not used. */
  record Kernel(long memoryBytes, int maxProcesses, long maxFileBytes, ExecutionPurpose purpose) {
    static Kernel of(ExecutionLimits limits, ExecutionPurpose purpose) {
      return new Kernel(
          limits.memoryBytes(), limits.maxProcesses(), limits.maxFileBytes(), purpose);
    }
  }

  GradingSlot(Workers workers, Path runs, boolean asRoot) {
    this.workers = workers;
    this.runs = runs;
    this.asRoot = asRoot;
  }

  ExecutionOutcome execute(
      Notebook notebook, List<Path> dataDirs, ExecutionLimits limits, ExecutionPurpose purpose)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      long start = System.nanoTime();
      try {
        return run(notebook, dataDirs, limits, Kernel.of(limits, purpose), start);
      } catch (GradingWorker.Lost lost) {
        dropSpare();
        if (attempt == 2) {
          return ExecutionOutcome.failed(
              FailureClass.KERNEL_DIED,
              "the grading worker stopped twice while running "
                  + "this notebook: "
                  + lost.getMessage(),
              Duration.ofNanos(System.nanoTime() - start));
        }
      }
    }
  }

  /** Starts the worker and the kernel for a first notebook with these limits, so that both are ready sooner. */
  void warm(ExecutionLimits limits, ExecutionPurpose purpose) throws IOException {
    if (!workers.claimKernelAhead()) {
      return;
    }
    try {
      spareFor(Kernel.of(limits, purpose));
    } catch (GradingWorker.Lost lost) {
      dropSpare();
    }
  }

  private ExecutionOutcome run(
      Notebook notebook, List<Path> dataDirs, ExecutionLimits limits, Kernel kernel, long start)
      throws IOException, GradingWorker.Lost {
    Spare current = spareFor(kernel);
    spare = null;
    try {
      try {
        current.folder().handOver(dataDirs);
      } catch (IOException | RuntimeException e) {
        current.worker().discard(current.id(), GRACE);
        throw e;
      }
      ObjectNode run =
          GradingWorker.header("run", current.id())
              .put("deadline", limits.deadline().toMillis() / 1000.0);
      if (limits.perCellTimeout() != null) {
        run.put("timeout", limits.perCellTimeout().toSeconds());
      }
      CompletableFuture<WorkerFrame> answer = current.worker().expect("done", current.id());
      current.worker().send(new WorkerFrame(run, NotebookWriter.toBytes(notebook)));
      // the next notebook's kernel starts while this one runs
      spare = workers.claimKernelAhead() ? start(current.worker(), kernel) : null;
      WorkerFrame done = GradingWorker.await(answer, limits.deadline().plus(GRACE));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (done == null) {
        workers.replace(current.worker());
        dropSpare();
        return ExecutionOutcome.failed(
            FailureClass.TIMEOUT, WorkerReport.deadlineMessage(limits), elapsed);
      }
      return WorkerReport.of(done.header()).outcome(done.payload(), notebook, limits, elapsed);
    } finally {
      current.folder().delete();
    }
  }

  /** The spare kernel if it was started for these limits on the current worker, else a new one. */
  private Spare spareFor(Kernel kernel) throws IOException, GradingWorker.Lost {
    if (spare != null && (spare.worker().isLost() || !spare.kernel().equals(kernel))) {
      if (!spare.worker().isLost()) {
        spare.worker().discard(spare.id(), GRACE);
      }
      dropSpare();
    }
    if (spare == null) {
      spare = start(workers.current(), kernel);
    }
    return spare;
  }

  private Spare start(GradingWorker worker, Kernel kernel) throws IOException, GradingWorker.Lost {
    RunFolder folder = RunFolder.create(runs, asRoot, kernel.purpose());
    long id = worker.nextRun();
    ObjectNode start =
        GradingWorker.header("start", id)
            .put("isolate", asRoot)
            .put("work", folder.work().toString())
            .put("kernelDir", folder.kernel().toString())
            .put("log", folder.log().toString());
    start.set("env", JSON.valueToTree(folder.environment()));
    start
        .putObject("limits")
        .put("memoryBytes", kernel.memoryBytes())
        .put("maxProcesses", kernel.maxProcesses())
        .put("maxFileBytes", kernel.maxFileBytes());
    try {
      worker.send(new WorkerFrame(start, new byte[0]));
    } catch (GradingWorker.Lost lost) {
      folder.delete();
      throw lost;
    }
    return new Spare(worker, id, folder, kernel);
  }

  /** Forgets the spare kernel (its worker is gone or kills it) and removes its folder. */
  private void dropSpare() {
    if (spare != null) {
      spare.folder().delete();
      spare = null;
    }
  }
}
