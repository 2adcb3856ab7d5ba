package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.operator.cluster.Jobs;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An operator allowed two delivery Jobs per Assignment at once. */
class DeliveryConcurrencyTest extends AssignmentOnMockServer {

  @BeforeAll
  static void start() throws IOException {
    startOperator(2);
  }

  @Test
  void noMoreDeliveryJobsRunThanTheCapAndEachFinishedOneMakesRoomForTheNext() throws IOException {
    String ns = namespace();
    released(ns, "m1", "s1", "s2", "s3", "s4", "s5");

    List<Job> first = DeliveryTest.jobsWhere(ns, "the first two Jobs", jobs -> jobs.size() == 2);
    assertThat(first)
        .extracting(j -> j.getMetadata().getLabels().get("tito.dev/student"))
        .as("in roster order")
        .containsExactlyInAnyOrder("s1", "s2");
    assertThat(
            condition(
                    until(ns, "m1", "delivering", a -> "Delivering".equals(reason(a, "Delivered"))),
                    "Delivered")
                .getMessage())
        .contains("0 of 5 students delivered", "2 delivery Jobs running (at most 2)");

    DeliveryTest.succeed(first.get(0));
    List<Job> next =
        DeliveryTest.jobsWhere(
            ns,
            "s3's Job in the freed slot",
            jobs ->
                jobs.stream()
                    .anyMatch(
                        j -> "s3".equals(j.getMetadata().getLabels().get("tito.dev/student"))));
    assertThat(next.stream().filter(j -> !Jobs.finished(j)))
        .as("running at once")
        .hasSizeLessThanOrEqualTo(2);
    assertThat(
            until(ns, "m1", "one delivered", a -> a.getStatus().delivered == 1)
                .getStatus()
                .delivered)
        .isEqualTo(1);

    AtomicInteger mostRunning = new AtomicInteger();
    Assignment done =
        until(
            ns,
            "m1",
            "all five delivered",
            a -> {
              // each look: the Jobs running at once, which then succeed
              List<Job> running =
                  DeliveryTest.jobsWhere(ns, "delivery Jobs", jobs -> true).stream()
                      .filter(j -> !Jobs.finished(j))
                      .toList();
              mostRunning.accumulateAndGet(running.size(), Math::max);
              running.forEach(DeliveryTest::succeed);
              return "True".equals(status(a, "Delivered"));
            });
    assertThat(mostRunning.get()).as("delivery Jobs running at once").isLessThanOrEqualTo(2);
    assertThat(done.getStatus().delivered).isEqualTo(5);
  }
}
