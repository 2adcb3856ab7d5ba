package dev.tito.notebook.execute;

import dev.tito.notebook.ipynb.FolderSwap;
import dev.tito.notebook.ipynb.Notebook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Executes notebooks with Jupyter on this machine, nbgrader's Execute semantics, through one long-lived grading
 * worker serving every slot ({@code --parallel}): it keeps nbconvert loaded, runs the slots' notebooks side by side,
 * and keeps each slot's next kernel started, forked from a warm interpreter, while the current one runs
 * (docs/grading.md). Every notebook still gets a fresh kernel,
 * started for it alone and killed after it: in a fresh working directory holding only the module's data files, a
 * fresh home, a minimal environment, resource limits, as root its own network, PID and mount namespaces as nobody
 * ({@link RootIsolation}), a per-cell timeout and a total deadline. The notebook goes to the worker on a pipe and
 * never to disk; the executed notebook comes back on a pipe and must be exactly one notebook with the cells that
 * were sent, so student code cannot forge it. Close the executor to stop its workers and kernels.
 */
public final class LocalJupyterExecutor implements NotebookExecutor, AutoCloseable {
  /** The worker, its forge and the guard, as the worker's command line takes them. */
  static final List<String> WORKER_SCRIPTS =
      List.of("grading_worker.py", "kernel_forge.py", "kernel_guard.py");

  private final List<String> command;
  private final int slots;
  private final List<GradingSlot> started = new ArrayList<>();
  private final BlockingQueue<GradingSlot> idle = new LinkedBlockingQueue<>();
  private final GradingSlot.Workers shared = new SharedWorker();
  // notebooks still to come whose kernel was not started ahead
  private final AtomicLong kernelsAhead = new AtomicLong(Long.MAX_VALUE);
  private GradingWorker worker;
  private Path runs;
  private boolean asRoot;

  /** One slot, with the Python {@link LocalJupyter#python} names ({@code TITO_PYTHON}, else Debian's). */
  public LocalJupyterExecutor() {
    this(LocalJupyter.python(System.getenv()));
  }

  /** One slot; {@code python} must have nbconvert and ipykernel installed. */
  public LocalJupyterExecutor(Path python) {
    this(python, 1);
  }

  /** @param slots notebooks executed at once, each in its own kernel */
  public LocalJupyterExecutor(Path python, int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("an executor needs at least one slot");
    }
    List<String> worker = new ArrayList<>(List.of(python.toString(), "-I", "-B", "-c"));
    WORKER_SCRIPTS.forEach(script -> worker.add(GradingConfig.resource(script)));
    worker.addAll(List.of(GradingConfig.settings(), Integer.toString(ExecutedNotebook.MAX_BYTES)));
    this.command = List.copyOf(worker);
    this.slots = slots;
  }

  @Override
  public ExecutionOutcome execute(
      String fileName,
      Notebook notebook,
      List<Path> dataDirs,
      ExecutionLimits limits,
      ExecutionPurpose purpose) {
    GradingSlot slot = take();
    try {
      return slot.execute(notebook, dataDirs, limits, purpose);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the grading run: " + e.getMessage(), e);
    } finally {
      idle.add(slot);
    }
  }

  /**
   * Starts the worker and a kernel for every slot's first notebook now, so that Python's start-up overlaps the
   * caller's own work; optional.
   */
  public void warm(ExecutionLimits limits, ExecutionPurpose purpose) {
    warm(limits, purpose, Long.MAX_VALUE);
  }

  /**
   * {@link #warm(ExecutionLimits, ExecutionPurpose)}, for a caller that will run at most {@code notebooks}: no kernel
   * is started ahead for a notebook that will not come (a slot's next kernel after the last one costs a kernel's
   * start on a busy machine).
   */
  public void warm(ExecutionLimits limits, ExecutionPurpose purpose, long notebooks) {
    kernelsAhead.set(notebooks);
    List<GradingSlot> warmed = new ArrayList<>();
    try {
      for (int i = 0; i < slots; i++) {
        GradingSlot slot = take();
        warmed.add(slot);
        slot.warm(limits, purpose);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the grading run: " + e.getMessage(), e);
    } finally {
      idle.addAll(warmed);
    }
  }

  /** An idle slot, a new one while there are fewer than the slots, else the next to become idle. */
  private GradingSlot take() {
    synchronized (started) {
      GradingSlot free = idle.poll();
      if (free != null) {
        return free;
      }
      if (started.size() < slots) {
        GradingSlot slot = new GradingSlot(shared, runs(), asRoot);
        started.add(slot);
        return slot;
      }
    }
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a grading slot", e);
    }
  }

  /** The folder of every run's folder: as root passable but not listable, so no kernel learns another's path. */
  private Path runs() {
    if (runs == null) {
      try {
        asRoot = RootIsolation.applies();
        runs =
            Files.createTempDirectory(
                "tito-runs-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (asRoot) {
          RootIsolation.passable(runs);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare the grading run: " + e.getMessage(), e);
      }
    }
    return runs;
  }

  /** The one worker of every slot: started on first use, replaced when a slot finds it lost. */
  private final class SharedWorker implements GradingSlot.Workers {
    @Override
    public GradingWorker current() throws IOException {
      synchronized (started) {
        if (worker != null && worker.isLost()) {
          worker.kill();
          worker = null;
        }
        if (worker == null) {
          worker = GradingWorker.start(command, runs());
        }
        return worker;
      }
    }

    @Override
    public boolean claimKernelAhead() {
      return kernelsAhead.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    @Override
    public void replace(GradingWorker lost) {
      synchronized (started) {
        lost.kill();
        if (worker == lost) {
          worker = null;
        }
      }
    }
  }

  /** Stops the worker with its kernels and removes the run folders; safe to call twice. */
  @Override
  public void close() {
    synchronized (started) {
      if (worker != null) {
        worker.kill();
        worker = null;
      }
      started.clear();
      idle.clear();
      FolderSwap.deleteTree(runs);
      runs = null;
    }
  }
}
