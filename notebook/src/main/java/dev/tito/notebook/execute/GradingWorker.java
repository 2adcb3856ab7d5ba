package dev.tito.notebook.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One {@code --parallel} slot: a long-lived grading worker ({@code grading_worker.py}) and the kernel it keeps started
 * for the slot's next notebook. Each notebook runs in that kernel, and the following notebook's kernel starts while it
 * runs. A worker that stops or stops answering is replaced: its notebook is tried once more on a new worker (a kernel
 * cannot stop the worker as root; as the same user it can, and may hit another run's worker), or past its deadline
 * reported as a timeout. Used by one thread at a time.
 */
final class GradingWorker implements AutoCloseable {
  /** How long past a run's deadline the worker may take to say so before it is killed. */
  private static final Duration GRACE = Duration.ofSeconds(30);

  private static final int STDERR_KEEP = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> command;
  private final Path runs;
  private final boolean asRoot;
  private Process process;
  private OutputStream toWorker;
  private BlockingQueue<Object> fromWorker;
  private ByteArrayOutputStream stderr;
  private Spare spare;
  private long launched;

  /** The kernel started ahead for the next notebook, and the limits and purpose it was started with. */
  private record Spare(long id, RunFolder folder, Kernel kernel) {}

  /** What a kernel is started with: a spare started for other limits is not used. */
  record Kernel(long memoryBytes, int maxProcesses, long maxFileBytes, ExecutionPurpose purpose) {
    static Kernel of(ExecutionLimits limits, ExecutionPurpose purpose) {
      return new Kernel(
          limits.memoryBytes(), limits.maxProcesses(), limits.maxFileBytes(), purpose);
    }
  }

  /** The worker stopped or broke the protocol. */
  private static final class WorkerLost extends Exception {
    WorkerLost(String message) {
      super(message);
    }
  }

  GradingWorker(List<String> command, Path runs, boolean asRoot) {
    this.command = command;
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
      } catch (WorkerLost lost) {
        stop();
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
    try {
      spareFor(Kernel.of(limits, purpose));
    } catch (WorkerLost lost) {
      stop();
    }
  }

  private ExecutionOutcome run(
      Notebook notebook, List<Path> dataDirs, ExecutionLimits limits, Kernel kernel, long start)
      throws IOException, WorkerLost {
    Spare current = spareFor(kernel);
    spare = null;
    try {
      try {
        current.folder().handOver(dataDirs);
      } catch (IOException | RuntimeException e) {
        discard(current);
        throw e;
      }
      ObjectNode run =
          WorkerFrame.header("run")
              .put("run", current.id())
              .put("deadline", limits.deadline().toMillis() / 1000.0);
      if (limits.perCellTimeout() != null) {
        run.put("timeout", limits.perCellTimeout().toSeconds());
      }
      send(new WorkerFrame(run, NotebookWriter.toBytes(notebook)));
      // the next notebook's kernel starts while this one runs
      spare = start(kernel);
      WorkerFrame done = await("done", current.id(), limits.deadline().plus(GRACE));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (done == null) {
        stop();
        return ExecutionOutcome.failed(
            FailureClass.TIMEOUT, WorkerReport.deadlineMessage(limits), elapsed);
      }
      return WorkerReport.of(done.header()).outcome(done.payload(), notebook, limits, elapsed);
    } finally {
      current.folder().delete();
    }
  }

  /** The spare kernel if it was started for these limits, else a new one (the other is discarded). */
  private Spare spareFor(Kernel kernel) throws IOException, WorkerLost {
    if (spare != null && !spare.kernel().equals(kernel)) {
      Spare other = spare;
      spare = null;
      discard(other);
    }
    if (spare == null) {
      spare = start(kernel);
    }
    return spare;
  }

  /** Kills a kernel that will run nothing; its folder goes once it is dead. */
  private void discard(Spare unused) throws WorkerLost {
    send(new WorkerFrame(WorkerFrame.header("discard").put("run", unused.id()), new byte[0]));
    await("discarded", unused.id(), GRACE);
    unused.folder().delete();
  }

  private Spare start(Kernel kernel) throws IOException, WorkerLost {
    ensureRunning();
    RunFolder folder = RunFolder.create(runs, asRoot, kernel.purpose());
    long id = ++launched;
    ObjectNode start =
        WorkerFrame.header("start")
            .put("run", id)
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
      send(new WorkerFrame(start, new byte[0]));
    } catch (WorkerLost lost) {
      folder.delete();
      throw lost;
    }
    return new Spare(id, folder, kernel);
  }

  private void send(WorkerFrame frame) throws WorkerLost {
    try {
      frame.writeTo(toWorker);
    } catch (IOException e) {
      throw lost();
    }
  }

  /** The worker's answer about this run, or null when it did not come in time. */
  private WorkerFrame await(String op, long run, Duration timeout) throws WorkerLost {
    Object next;
    try {
      next = fromWorker.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkerLost("interrupted");
    }
    if (next == null) {
      return null;
    }
    if (next instanceof WorkerFrame frame
        && frame.op().equals(op)
        && frame.header().path("run").asLong() == run) {
      return frame;
    }
    throw lost();
  }

  private WorkerLost lost() {
    String errors;
    synchronized (stderr) {
      errors = stderr.toString(StandardCharsets.UTF_8);
    }
    return new WorkerLost(WorkerReport.lastLine(errors, "no message from the worker"));
  }

  private void ensureRunning() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    stop();
    ProcessBuilder builder = new ProcessBuilder(command).directory(runs.toFile());
    builder.environment().clear();
    builder
        .environment()
        .putAll(
            java.util.Map.of(
                "PATH",
                "/usr/local/bin:/usr/bin:/bin",
                "LANG",
                "C.UTF-8",
                "PYDEVD_DISABLE_FILE_VALIDATION",
                "1"));
    process = builder.start();
    toWorker = process.getOutputStream();
    fromWorker = new LinkedBlockingQueue<>();
    stderr = new ByteArrayOutputStream();
    daemon(() -> readFrames(process.getInputStream(), fromWorker));
    ByteArrayOutputStream tail = stderr;
    daemon(() -> keepTail(process.getErrorStream(), tail));
  }

  private static void readFrames(InputStream in, BlockingQueue<Object> frames) {
    try (in) {
      while (true) {
        frames.add(WorkerFrame.readFrom(in, ExecutedNotebook.MAX_BYTES));
      }
    } catch (IOException e) {
      frames.add(e);
    }
  }

  /** Keeps the last {@link #STDERR_KEEP} bytes the worker wrote on stderr, for the message when it stops. */
  private static void keepTail(InputStream in, ByteArrayOutputStream tail) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        synchronized (tail) {
          tail.write(buffer, 0, n);
          if (tail.size() > 2 * STDERR_KEEP) {
            byte[] all = tail.toByteArray();
            tail.reset();
            tail.write(all, all.length - STDERR_KEEP, STDERR_KEEP);
          }
        }
      }
    } catch (IOException e) {
      // the worker is gone; what it wrote is kept
    }
  }

  private static void daemon(Runnable body) {
    Thread thread = new Thread(body, "tito-grading-worker");
    thread.setDaemon(true);
    thread.start();
  }

  /** Kills the worker, its forge and every kernel (all its descendants); the spare's folder goes with them. */
  private void stop() {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
    if (spare != null) {
      spare.folder().delete();
      spare = null;
    }
  }

  /** Kills the worker with its kernels at once: nothing is left to finish (a worker whose tito dies sees its input end). */
  @Override
  public void close() {
    stop();
  }
}
