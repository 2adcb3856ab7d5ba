package dev.tito.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Works on independent modules side by side and hands each result back in the modules' order. */
final class ModulePool {
  private ModulePool() {}

  /** Hears of the modules in order: which one is waited for, then its result (for progress). */
  interface Listener<M, R> {
    default void waiting(int index, M module) {}

    void done(int index, R result);
  }

  /** @param threads how many modules at once */
  static <M, R> List<R> map(
      List<M> modules, int threads, Function<M, R> work, Listener<M, R> listener) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(threads, modules.size())),
            runnable -> {
              Thread thread = new Thread(runnable, "tito-module");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<R>> pending =
          modules.stream().map(module -> pool.submit(() -> work.apply(module))).toList();
      List<R> results = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        listener.waiting(i, modules.get(i));
        results.add(outcome(pending.get(i)));
        listener.done(i, results.get(i));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits for a module's work; an unexpected error is rethrown as itself for the error handler. */
  private static <T> T outcome(Future<T> pending) {
    try {
      return pending.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
