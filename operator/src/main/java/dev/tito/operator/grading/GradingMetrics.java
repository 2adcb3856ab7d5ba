package dev.tito.operator.grading;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Grading meters: queue depth per class, outcomes by class of failure, and the two waits a user feels. */
public final class GradingMetrics {
  private final MeterRegistry registry;
  private final GradingQueue queue;
  private final Set<String> gauged = ConcurrentHashMap.newKeySet();
  private final Timer duration;
  private final Timer submissionToJob;

  public GradingMetrics(MeterRegistry registry, GradingQueue queue) {
    this.registry = registry;
    this.queue = queue;
    this.duration =
        Timer.builder("tito.grading.duration")
            .description("Grading Job start to result read")
            .publishPercentileHistogram()
            .register(registry);
    this.submissionToJob =
        Timer.builder("tito.submission.to.job")
            .description("Submission created to its grading Job created")
            .publishPercentileHistogram()
            .register(registry);
  }

  /** Registers the class's queue-depth gauge the first time the class is seen. */
  public void watchQueue(String classroom) {
    if (gauged.add(classroom)) {
      Gauge.builder("tito.grading.queue.depth", queue, q -> q.depth(classroom))
          .tag("classroom", classroom)
          .description("Submissions waiting for a grading slot")
          .register(registry);
    }
  }

  /** "graded" or the failure class. */
  public void outcome(String outcome) {
    Counter.builder("tito.grading.outcomes").tag("outcome", outcome).register(registry).increment();
  }

  public void graded(Duration jobStartToResult) {
    duration.record(jobStartToResult.isNegative() ? Duration.ZERO : jobStartToResult);
  }

  public void jobCreated(Duration sinceSubmission) {
    submissionToJob.record(sinceSubmission.isNegative() ? Duration.ZERO : sinceSubmission);
  }
}
