package dev.tito.notebook.execute;

import dev.tito.notebook.ipynb.FolderSwap;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Executes a notebook with nbconvert's {@code --execute} in a child process, the notebook given on
 * its standard input: a fresh working directory holding only the module's data files, a fresh home
 * beside it whose Jupyter and IPython directories exist before the start, a minimal environment, resource
 * limits through util-linux {@code prlimit} (or a shell {@code ulimit} wrapper), as root the
 * {@link RootIsolation} (nobody, no network, own process namespace), and a total deadline
 * after which the whole process tree is killed. The executed notebook comes back on a pipe and must
 * parse as exactly one notebook with the cells that were sent, so student code cannot forge it.
 */
public final class LocalJupyterExecutor implements NotebookExecutor {
  private static final int STDERR_KEEP = 64 * 1024;
  /** Student output makes the executed notebook: more than this is refused, not read into memory. */
  static final int MAX_EXECUTED_BYTES = 256 << 20;

  /** Directories in the fresh home: Jupyter and IPython would otherwise create theirs on every start. */
  private static final Map<String, String> HOME_DIRS = Map.of(
      "TMPDIR", "tmp",
      "IPYTHONDIR", ".ipython",
      "JUPYTER_CONFIG_DIR", ".jupyter",
      "JUPYTER_DATA_DIR", ".local/share/jupyter",
      "JUPYTER_RUNTIME_DIR", ".local/share/jupyter/runtime",
      "MPLCONFIGDIR", ".config/matplotlib");

  private final Path python;
  private final Path prlimit;

  /** The Python {@link LocalJupyter#python} names ({@code TITO_PYTHON}, else Debian's); {@code prlimit} when installed. */
  public LocalJupyterExecutor() {
    this(LocalJupyter.python(System.getenv()));
  }

  /** {@code python} must have nbconvert installed; it runs {@code python -m nbconvert}. */
  public LocalJupyterExecutor(Path python) {
    this.python = python;
    Path candidate = Path.of("/usr/bin/prlimit");
    this.prlimit = Files.isExecutable(candidate) ? candidate : null;
  }

  @Override
  public ExecutionOutcome execute(
      String fileName, Notebook notebook, List<Path> dataDirs, ExecutionLimits limits, ExecutionPurpose purpose) {
    long start = System.nanoTime();
    Path run = null;
    try {
      run = Files.createTempDirectory("tito-run-", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
      Path work = Files.createDirectory(run.resolve("work"));
      Path home = Files.createDirectory(run.resolve("home"));
      for (Path dataDir : dataDirs) {
        DataFiles.copy(dataDir, work);
      }
      Path config = run.resolve("tito_grading_config.py");
      Files.writeString(config, GradingConfig.text(limits.perCellTimeout(), purpose));
      Map<String, String> env = environment(home, purpose);
      RootIsolation isolation = RootIsolation.forThisProcess();
      if (isolation != null) {
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        isolation.handOver(run, work, home);
      }
      return run(command(isolation, config, limits), work, env, notebook, limits, start);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the grading run: " + e.getMessage(), e);
    } finally {
      if (run != null) {
        FolderSwap.deleteTree(run);
      }
    }
  }

  /** A minimal environment whose home folders exist before the start. */
  private static Map<String, String> environment(Path home, ExecutionPurpose purpose) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home.toString());
    for (Map.Entry<String, String> dir : HOME_DIRS.entrySet()) {
      env.put(dir.getKey(), Files.createDirectories(home.resolve(dir.getValue())).toString());
    }
    env.put("LANG", "C.UTF-8");
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    env.putAll(purpose.environment());
    return env;
  }

  private ExecutionOutcome run(List<String> command, Path work, Map<String, String> env, Notebook sent,
      ExecutionLimits limits, long start) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    CompletableFuture<byte[]> stdout = drain(process.getInputStream(), in -> readAtMost(in, MAX_EXECUTED_BYTES));
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream(), in -> readTail(in, STDERR_KEEP));
    // the notebook goes in on a pipe: a file in the working directory would show the student the hidden tests
    try (java.io.OutputStream stdin = process.getOutputStream()) {
      stdin.write(NotebookWriter.toBytes(sent));
    } catch (IOException diedBeforeReading) {
      // the exit code and stderr say why
    }
    Set<ProcessHandle> seen = new HashSet<>();
    boolean finished = false;
    try {
      long deadline = start + limits.deadline().toNanos();
      while (!finished && System.nanoTime() < deadline) {
        process.descendants().forEach(seen::add);
        finished = process.waitFor(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
            TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // children that outlive nbconvert (daemons started by student code) die with the run
      process.descendants().forEach(seen::add);
      seen.forEach(ProcessHandle::destroyForcibly);
      if (!finished) {
        // only now: destroy() also closes the pipes, and the last bytes of a finished run may still be unread
        process.destroyForcibly();
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (!finished) {
      return ExecutionOutcome.failed(FailureClass.TIMEOUT,
          "execution exceeded the deadline of " + limits.deadline().toSeconds() + " s", elapsed);
    }
    String errors = new String(stderr.join(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      FailureClass failure = classify(errors);
      return ExecutionOutcome.failed(failure, describe(failure, errors, limits), elapsed);
    }
    byte[] executed = stdout.join();
    if (executed == null) {
      return ExecutionOutcome.failed(FailureClass.INVALID_NOTEBOOK, "the executed notebook is larger than the "
          + (MAX_EXECUTED_BYTES >> 20) + " MiB limit (too much output)", elapsed);
    }
    return ExecutedNotebook.check(executed, sent, elapsed);
  }

  static FailureClass classify(String stderr) {
    if (stderr.contains("MemoryError") || stderr.contains("Cannot allocate memory")) {
      return FailureClass.OUT_OF_MEMORY;
    }
    if (stderr.contains("CellTimeoutError") || stderr.contains("TimeoutError")) {
      return FailureClass.TIMEOUT;
    }
    if (stderr.contains("DeadKernelError") || stderr.contains("Kernel died")) {
      return FailureClass.KERNEL_DIED;
    }
    if (stderr.contains("NotebookValidationError") || stderr.contains("Notebook JSON is invalid")
        || stderr.contains("NBFormatError") || stderr.contains("JSONDecodeError")) {
      return FailureClass.INVALID_NOTEBOOK;
    }
    return FailureClass.KERNEL_DIED;
  }

  private static String describe(FailureClass failure, String stderr, ExecutionLimits limits) {
    return switch (failure) {
      case OUT_OF_MEMORY -> "the kernel ran out of memory (limit " + (limits.memoryBytes() >> 20) + " MiB)";
      case TIMEOUT -> "a cell ran past the " + (limits.perCellTimeout() == null ? "" : limits.perCellTimeout().toSeconds()
          + " s ") + "per-cell timeout and the kernel could not be interrupted";
      case INVALID_NOTEBOOK -> "Jupyter could not read the notebook: " + lastLine(stderr);
      default -> "the kernel died: " + lastLine(stderr);
    };
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
    return last.isEmpty() ? "no message from Jupyter" : last.length() > 300 ? last.substring(0, 300) + "..." : last;
  }

  private List<String> command(RootIsolation isolation, Path config, ExecutionLimits limits) {
    // python -m nbconvert: the `jupyter` wrapper would start a second interpreter only to exec it
    List<String> nbconvert = new ArrayList<>(isolation == null ? List.of() : isolation.unprivileged());
    nbconvert.addAll(List.of(python.toString(), "-m", "nbconvert", "--config=" + config,
        "--to", "notebook", "--execute", "--stdin", "--stdout", "--log-level=ERROR"));
    List<String> command = new ArrayList<>(isolation == null ? List.of() : isolation.namespaces());
    if (prlimit != null) {
      command.addAll(List.of(prlimit.toString(), "--as=" + limits.memoryBytes(), "--nproc=" + limits.maxProcesses(),
          "--fsize=" + limits.maxFileBytes(), "--core=0", "--"));
      command.addAll(nbconvert);
    } else {
      command.addAll(List.of("/bin/sh", "-c",
          "ulimit -v " + (limits.memoryBytes() >> 10) + " -u " + limits.maxProcesses() + " -f "
              + (limits.maxFileBytes() / 512) + " -c 0 && exec \"$@\"", "tito-grading"));
      command.addAll(nbconvert);
    }
    return command;
  }

  /** Reads a pipe on its own thread (a shared pool could leave it full and block Jupyter). */
  private static CompletableFuture<byte[]> drain(InputStream in, Function<InputStream, byte[]> read) {
    CompletableFuture<byte[]> bytes = new CompletableFuture<>();
    Thread reader = new Thread(() -> bytes.complete(read.apply(in)), "tito-run-pipe");
    reader.setDaemon(true);
    reader.start();
    return bytes;
  }

  /** Reads a stream to its end; null when it had more than {@code max} bytes (the rest is read and dropped). */
  static byte[] readAtMost(InputStream in, int max) {
    try (in) {
      byte[] head = in.readNBytes(max);
      if (in.read() < 0) {
        return head;
      }
      // keep reading so that the writer finishes instead of blocking on a full pipe
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return null;
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** Reads a stream to its end, keeping at most {@code keep} bytes (the last ones). */
  private static byte[] readTail(InputStream in, long keep) {
    try (in) {
      byte[] buffer = new byte[8192];
      java.io.ByteArrayOutputStream tail = new java.io.ByteArrayOutputStream();
      int n;
      while ((n = in.read(buffer)) > 0) {
        tail.write(buffer, 0, n);
        if (tail.size() > 2 * keep) {
          byte[] all = tail.toByteArray();
          tail.reset();
          tail.write(all, all.length - (int) keep, (int) keep);
        }
      }
      return tail.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
