package dev.tito.demo;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what the demo started when the JVM is stopped before the demo ends (Ctrl-C, a kill): the control plane's
 * and the pods' processes are this JVM's descendants and would outlive it. They are ended directly, without a word
 * to the API: on a terminal's Ctrl-C etcd has its SIGINT too, and a request would wait for it in vain.
 */
final class StopOnExit implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final Thread hook = new Thread(this::stopDescendants, "tito-demo-stop");
  private volatile boolean stopping;

  StopOnExit() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Whether the JVM is stopping: then what fails in the demo fails because its API was stopped under it. */
  boolean stopping() {
    return stopping;
  }

  private void stopDescendants() {
    stopping = true;
    // the echoes of the stop (watches closed, connections refused) are no news to whoever pressed
    // Ctrl-C
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.OFF);
    }
    // listed first: a process whose parent dies leaves the tree
    List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
    descendants.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plus(GRACE);
    while (Instant.now().isBefore(deadline)
        && descendants.stream().anyMatch(ProcessHandle::isAlive)) {
      pause();
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
    System.err.println(
        "tito demo: stopped before the end, and with it the Kubernetes API and the pods' processes");
  }

  /** Blocks until the JVM halts: the hook has stopped everything, an error now would only be its echo. */
  static void awaitHalt() {
    while (true) {
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      // nothing here is worth ending early for: the JVM is stopping
    }
  }

  /** The demo ended by itself and stops what it started. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already stopping: the hook does the stopping
    }
  }
}
