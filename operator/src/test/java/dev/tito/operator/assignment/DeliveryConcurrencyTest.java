package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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
    source(ns, "src", Map.of("tiny.py", valid()));
    classroom(ns, "s1", "s2", "s3", "s4", "s5");
    create(ns, "m1", "src", null);

    List<Job> first = DeliveryTest.jobsWhere(ns, "the first two Jobs", jobs -> jobs.size() == 2);
    assertThat(first).extracting(j -> j.getMetadata().getLabels().get("tito.dev/student")).as("in roster order")
        .containsExactlyInAnyOrder("s1", "s2");
    assertThat(condition(until(ns, "m1", "delivering", a -> "Delivering".equals(reason(a, "Delivered"))), "Delivered")
        .getMessage()).contains("0 of 5 students delivered", "2 delivery Jobs running (at most 2)");

    DeliveryTest.succeed(first.get(0));
    List<Job> next = DeliveryTest.jobsWhere(ns, "s3's Job in the freed slot", jobs -> jobs.stream()
        .anyMatch(j -> "s3".equals(j.getMetadata().getLabels().get("tito.dev/student"))));
    assertThat(next.stream().filter(j -> !DeliveryPlan.isFinished(j))).as("running at once").hasSizeLessThanOrEqualTo(2);
    assertThat(until(ns, "m1", "one delivered", a -> a.getStatus().delivered == 1).getStatus().delivered).isEqualTo(1);

    for (int delivered = 1; delivered < 5; ) {
      List<Job> running = DeliveryTest.jobsWhere(ns, "running Jobs", jobs -> jobs.stream().anyMatch(j -> !DeliveryPlan.isFinished(j)));
      assertThat(running.stream().filter(j -> !DeliveryPlan.isFinished(j)).count()).as("running at once").isLessThanOrEqualTo(2);
      running.stream().filter(j -> !DeliveryPlan.isFinished(j)).forEach(DeliveryTest::succeed);
      int before = delivered;
      delivered = until(ns, "m1", "more delivered", a -> a.getStatus().delivered > before).getStatus().delivered;
    }
    assertThat(status(until(ns, "m1", "all five", a -> "True".equals(status(a, "Delivered"))), "Delivered")).isEqualTo("True");
  }
}
