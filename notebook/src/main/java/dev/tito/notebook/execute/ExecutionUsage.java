package dev.tito.notebook.execute;

import java.util.List;

/**
 * What a run used, as the grading worker measured it from outside the kernel.
 *
 * @param kernelPeakBytes the kernel process's peak resident memory (Linux's VmHWM, read by the worker after the last
 *     cell and before the kernel is killed; processes the kernel started are not counted), or null when not measured
 *     (the run failed, or another executor ran it)
 * @param cellSeconds each finished cell's wall time, by cell index, on the worker's clock; on a failed run the cell at
 *     index {@code cellSeconds.size()} is the one that was running
 */
public record ExecutionUsage(Long kernelPeakBytes, List<Double> cellSeconds) {
  public static final ExecutionUsage NONE = new ExecutionUsage(null, List.of());

  public ExecutionUsage {
    cellSeconds = List.copyOf(cellSeconds);
  }
}
