package dev.tito.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One container of a pod, run by a local process (the container's own command, or the podman client running it): its
 * output is the container's log, its exit code the container's.
 */
final class LocalContainer {
  /** Exit code of a container the kubelet killed (SIGKILL), as a cluster reports it. */
  static final int KILLED = 137;

  /** Exit code of a container that could not be started here, as a runtime reports a StartError. */
  static final int START_ERROR = 128;

  private static final int MESSAGE_LIMIT = 4096;

  /**
   * How a container ended: its exit code, whether it was killed at the deadline or for using more memory than its
   * limit, and its termination message.
   */
  record Ended(
      int exitCode,
      Instant startedAt,
      Instant finishedAt,
      boolean deadlineExceeded,
      boolean cancelled,
      boolean outOfMemory,
      String message) {}

  /** What stops the container and tells how it ended, beyond its process. */
  interface Control {
    /** Whether the container is stuck at its memory limit (its processes are then killed, as the cgroup's OOM group). */
    boolean outOfMemory();

    /** Kills every process of the container. */
    void kill(Process process);

    /** The container's exit code for the process's. */
    int exitCode(int processExit);
  }

  /** A container that is a local process: killed with its children, no memory limit. */
  static final Control PROCESS_TREE =
      new Control() {
        @Override
        public boolean outOfMemory() {
          return false;
        }

        @Override
        public void kill(Process process) {
          killTree(process);
        }

        @Override
        public int exitCode(int processExit) {
          return processExit;
        }
      };

  private final Container container;
  private final Path log;
  private final Path terminationMessage;
  private final Process process;
  private final Instant startedAt;
  private final Control control;

  LocalContainer(
      Container container, Path log, Path terminationMessage, Process process, Control control) {
    this.container = container;
    this.log = log;
    this.terminationMessage = terminationMessage;
    this.process = process;
    this.startedAt = Instant.now();
    this.control = control;
  }

  /** A new empty file for the container's termination message, {@code <pod folder>/termination/<container>}. */
  static Path terminationMessage(Path podFolder, Container container) throws IOException {
    Path file = podFolder.resolve("termination").resolve(container.getName());
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    return Files.createFile(file);
  }

  /**
   * Starts the container's command with its mount paths rewritten to the local volumes; stdout and stderr both go
   * to {@code log}, as a container runtime captures both.
   *
   * @throws IllegalArgumentException when the container cannot run here (no command, an unsupported env source)
   */
  static LocalContainer start(
      Container container, Map<String, Path> volumes, LocalImages images, Path podFolder, Path log)
      throws IOException {
    Path terminationMessage = terminationMessage(podFolder, container);
    MountPaths paths = new MountPaths(container, volumes, terminationMessage);
    List<String> argv = new ArrayList<>();
    container.getCommand().forEach(word -> argv.add(paths.rewrite(word)));
    container.getArgs().forEach(word -> argv.add(paths.rewrite(word)));
    ProcessBuilder builder = new ProcessBuilder(images.localCommand(argv));
    Path home = Files.createDirectories(podFolder.resolve("home"));
    builder.environment().put("HOME", home.toString());
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValueFrom() != null) {
        throw new IllegalArgumentException(
            "env " + variable.getName() + ": valueFrom cannot be resolved locally");
      }
      builder
          .environment()
          .put(
              variable.getName(),
              paths.rewrite(variable.getValue() == null ? "" : variable.getValue()));
    }
    String workingDir =
        container.getWorkingDir() == null
            ? home.toString()
            : paths.rewrite(container.getWorkingDir());
    builder.directory(Path.of(workingDir).toFile());
    Files.createDirectories(log.getParent());
    builder
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    return new LocalContainer(container, log, terminationMessage, builder.start(), PROCESS_TREE);
  }

  Instant startedAt() {
    return startedAt;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Waits until the process exits, the deadline passes, {@code cancelled} says so or the container is out of memory;
   * then kills it with its children.
   */
  Ended await(Instant deadline, BooleanSupplier cancelled) throws IOException {
    boolean deadlineExceeded = false;
    boolean wasCancelled = false;
    boolean outOfMemory = false;
    try {
      while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
        if (control.outOfMemory()) {
          outOfMemory = true;
          break;
        }
        if (deadline != null && Instant.now().isAfter(deadline)) {
          deadlineExceeded = true;
          break;
        }
        if (cancelled.getAsBoolean()) {
          wasCancelled = true;
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      wasCancelled = true;
    }
    boolean killed = deadlineExceeded || wasCancelled || outOfMemory;
    if (killed) {
      control.kill(process);
    }
    int exitCode = killed ? KILLED : control.exitCode(process.exitValue());
    return new Ended(
        exitCode,
        startedAt,
        Instant.now(),
        deadlineExceeded,
        wasCancelled,
        outOfMemory,
        message(exitCode));
  }

  /** Kills the process and whatever it started (a Jupyter kernel is a child of nbconvert). */
  private static void killTree(Process process) {
    // the children are listed first (they leave the tree when their parent dies), the parent killed
    // first (so it
    // cannot go on to its next command when a child dies)
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The termination message: the file the container wrote, else (FallbackToLogsOnError, failed) its log's tail. */
  private String message(int exitCode) throws IOException {
    String written = readAtMost(terminationMessage, MESSAGE_LIMIT, false);
    if (!written.isEmpty()) {
      return written;
    }
    // a runtime's own failure to start the container is the container's message, as a StartError's
    // is
    if (exitCode == START_ERROR
        || (exitCode != 0
            && "FallbackToLogsOnError".equals(container.getTerminationMessagePolicy()))) {
      return readAtMost(log, 2048, true);
    }
    return null;
  }

  private static String readAtMost(Path file, int limit, boolean tail) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    long size = Files.size(file);
    try (InputStream in = Files.newInputStream(file)) {
      if (tail && size > limit) {
        in.skipNBytes(size - limit);
      }
      return new String(in.readNBytes(limit), StandardCharsets.UTF_8);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
