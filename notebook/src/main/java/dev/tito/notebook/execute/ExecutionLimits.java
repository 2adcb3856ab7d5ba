package dev.tito.notebook.execute;

import java.time.Duration;

/**
 * Bounds on one notebook's execution.
 *
 * @param perCellTimeout nbgrader's {@code Execute.timeout}; null means no per-cell limit
 * @param deadline wall time for the whole run, kernel start included; the process tree is killed after it
 * @param memoryBytes address-space limit of every process of the run
 * @param maxProcesses process-count limit (counted per user by the kernel, as RLIMIT_NPROC is)
 * @param maxFileBytes largest file the run may write
 */
public record ExecutionLimits(
    Duration perCellTimeout,
    Duration deadline,
    long memoryBytes,
    int maxProcesses,
    long maxFileBytes) {

  /** nbgrader's 30 s per cell, 10 minutes in all, 4 GiB of address space, 100 MB files. */
  public static ExecutionLimits defaults() {
    return new ExecutionLimits(
        Duration.ofSeconds(30), Duration.ofMinutes(10), 4L << 30, 4096, 100_000_000L);
  }

  public ExecutionLimits {
    if (deadline == null || deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("the execution deadline must be positive");
    }
    if (perCellTimeout != null && (perCellTimeout.isNegative() || perCellTimeout.isZero())) {
      throw new IllegalArgumentException("the per-cell timeout must be positive (or none)");
    }
    if (memoryBytes <= 0 || maxProcesses <= 0 || maxFileBytes <= 0) {
      throw new IllegalArgumentException("memory, process and file-size limits must be positive");
    }
  }

  public ExecutionLimits withPerCellTimeout(Duration timeout) {
    return new ExecutionLimits(timeout, deadline, memoryBytes, maxProcesses, maxFileBytes);
  }

  public ExecutionLimits withDeadline(Duration newDeadline) {
    return new ExecutionLimits(
        perCellTimeout, newDeadline, memoryBytes, maxProcesses, maxFileBytes);
  }
}
