package dev.tito.notebook.reference;

import dev.tito.notebook.execute.ExecutionLimits;
import java.time.Duration;

/**
 * What a module's reference solution may take when graded before the benchmark gate fails it.
 *
 * @param maxTime the whole module's grading time
 * @param maxCellTime any one cell's time
 * @param maxPeakBytes the kernel's peak resident memory
 */
public record BenchmarkLimits(Duration maxTime, Duration maxCellTime, long maxPeakBytes) {

  public BenchmarkLimits {
    if (maxTime.isNegative()
        || maxTime.isZero()
        || maxCellTime.isNegative()
        || maxCellTime.isZero()
        || maxPeakBytes <= 0) {
      throw new IllegalArgumentException("benchmark limits must be positive");
    }
  }

  /**
   * Half of each grading limit (the deadline, the per-cell timeout, the memory limit): a student's slower answer and a
   * busier grading machine still fit in what is left.
   */
  public static BenchmarkLimits derivedFrom(ExecutionLimits limits) {
    Duration cell = limits.perCellTimeout() == null ? limits.deadline() : limits.perCellTimeout();
    return new BenchmarkLimits(
        limits.deadline().dividedBy(2), cell.dividedBy(2), limits.memoryBytes() / 2);
  }

  public BenchmarkLimits withMaxTime(Duration time) {
    return new BenchmarkLimits(time, maxCellTime, maxPeakBytes);
  }

  public BenchmarkLimits withMaxCellTime(Duration time) {
    return new BenchmarkLimits(maxTime, time, maxPeakBytes);
  }

  public BenchmarkLimits withMaxPeakBytes(long bytes) {
    return new BenchmarkLimits(maxTime, maxCellTime, bytes);
  }
}
