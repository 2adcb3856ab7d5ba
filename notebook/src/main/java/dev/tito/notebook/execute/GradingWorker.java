package dev.tito.notebook.execute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One grading worker process ({@code grading_worker.py}) serving every {@code --parallel} slot: Python, nbconvert and
 * the kernel forge start once, and the slots' runs go on side by side inside it, each in its own kernel. Slots send
 * it frames from their own threads; one reader thread hands each answer to the slot waiting for that run. When the
 * worker stops or breaks the protocol, every slot waiting on it learns at once ({@link Lost}).
 */
final class GradingWorker {
  private static final int STDERR_KEEP = 16 * 1024;

  private final Process process;
  private final OutputStream toWorker;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Map<Long, Awaited> awaited = new HashMap<>();
  private long launched;
  private Lost lost;

  /** The worker stopped or broke the protocol. */
  static final class Lost extends Exception {
    Lost(String message) {
      super(message);
    }
  }

  /** A slot's wait for the answer {@code op} about one run. */
  private record Awaited(String op, CompletableFuture<WorkerFrame> answer) {}

  private GradingWorker(Process process) {
    this.process = process;
    this.toWorker = process.getOutputStream();
  }

  /** Starts {@code command} in {@code runs} with a minimal environment. */
  static GradingWorker start(List<String> command, Path runs) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(runs.toFile());
    builder.environment().clear();
    builder
        .environment()
        .putAll(
            Map.of(
                "PATH",
                "/usr/local/bin:/usr/bin:/bin",
                "LANG",
                "C.UTF-8",
                "PYDEVD_DISABLE_FILE_VALIDATION",
                "1"));
    GradingWorker worker = new GradingWorker(builder.start());
    daemon(worker::readFrames);
    daemon(worker::keepTail);
    return worker;
  }

  /** A run id no other run of this worker has. */
  synchronized long nextRun() {
    return ++launched;
  }

  /** Whether the worker stopped or broke the protocol: a slot that sees it asks for a new one. */
  synchronized boolean isLost() {
    return lost != null || !process.isAlive();
  }

  /** Registers the wait for the worker's {@code op} about {@code run}; call before sending what it answers. */
  synchronized CompletableFuture<WorkerFrame> expect(String op, long run) {
    CompletableFuture<WorkerFrame> answer = new CompletableFuture<>();
    if (lost != null) {
      answer.completeExceptionally(lost);
    } else {
      awaited.put(run, new Awaited(op, answer));
    }
    return answer;
  }

  void send(WorkerFrame frame) throws Lost {
    synchronized (toWorker) {
      try {
        frame.writeTo(toWorker);
      } catch (IOException e) {
        throw lose();
      }
    }
  }

  /** The answer, or null when it did not come within {@code timeout}. */
  static WorkerFrame await(CompletableFuture<WorkerFrame> answer, Duration timeout) throws Lost {
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Lost("interrupted");
    } catch (ExecutionException e) {
      throw (Lost) e.getCause();
    }
  }

  /** Asks the worker to kill a kernel that will run nothing, and waits until it is dead. */
  void discard(long run, Duration timeout) throws Lost {
    CompletableFuture<WorkerFrame> discarded = expect("discarded", run);
    send(new WorkerFrame(WorkerFrame.header("discard").put("run", run), new byte[0]));
    await(discarded, timeout);
  }

  static ObjectNode header(String op, long run) {
    return WorkerFrame.header(op).put("run", run);
  }

  private void readFrames() {
    try (InputStream in = process.getInputStream()) {
      while (true) {
        WorkerFrame frame = WorkerFrame.readFrom(in, ExecutedNotebook.MAX_BYTES);
        Awaited waiting;
        synchronized (this) {
          waiting = awaited.remove(frame.header().path("run").asLong());
        }
        if (waiting == null || !waiting.op().equals(frame.op())) {
          break;
        }
        waiting.answer().complete(frame);
      }
    } catch (IOException e) {
      // the worker is gone or sent something that is not a frame: every slot waiting on it is told
      // below
    }
    lose();
  }

  /** Marks the worker lost, with the last line it wrote on stderr, and fails every wait on it. */
  private Lost lose() {
    List<Awaited> failed;
    synchronized (this) {
      if (lost == null) {
        String errors;
        synchronized (stderr) {
          errors = stderr.toString(StandardCharsets.UTF_8);
        }
        lost = new Lost(WorkerReport.lastLine(errors, "no message from the worker"));
      }
      failed = List.copyOf(awaited.values());
      awaited.clear();
    }
    failed.forEach(waiting -> waiting.answer().completeExceptionally(lost));
    return lost;
  }

  /** Keeps the last {@link #STDERR_KEEP} bytes the worker wrote on stderr, for the message when it stops. */
  private void keepTail() {
    byte[] buffer = new byte[8192];
    try (InputStream in = process.getErrorStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        synchronized (stderr) {
          stderr.write(buffer, 0, n);
          if (stderr.size() > 2 * STDERR_KEEP) {
            byte[] all = stderr.toByteArray();
            stderr.reset();
            stderr.write(all, all.length - STDERR_KEEP, STDERR_KEEP);
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

  /** Kills the worker, its forge and every kernel (all its descendants); every slot waiting on it is told. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lose();
  }
}
