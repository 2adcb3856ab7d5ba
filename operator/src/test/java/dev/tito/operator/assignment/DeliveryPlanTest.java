package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.operator.classroom.Finding;
import dev.tito.operator.classroom.Roster;
import dev.tito.operator.classroom.Student;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one reconcile decides for a delivery, from the ledger, the roster and the delivery Jobs it sees. */
class DeliveryPlanTest {
  private static final String REVISION = "abcdef0123";
  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  @Test
  void startsAJobForEveryStudentWithoutTheRevisionInRosterOrderUpToTheCap() {
    DeliveryLedger ledger = ledger("bo");
    DeliveryPlan plan =
        DeliveryPlan.of(
            ledger,
            roster("ada", "bo", "cy", "dee", "eve"),
            List.of(job("cy", REVISION, null, 1)),
            NOW,
            3);

    assertThat(plan.creations())
        .containsExactly(new DeliveryPlan.NewJob("ada", 1), new DeliveryPlan.NewJob("dee", 1));
    assertThat(plan.deletions()).isEmpty();
    assertThat(plan.outcome())
        .isEqualTo(
            new DeliveryPlan.Outcome(
                false,
                "Delivering",
                "revision "
                    + REVISION
                    + ": 1 of 5 students delivered, 3 delivery Jobs running (at most 3)"));
  }

  @Test
  void aSucceededJobIsRecordedThenDeletedAndMakesRoom() {
    DeliveryLedger ledger = ledger();
    Job done = job("ada", REVISION, "Complete", 1);
    DeliveryPlan plan = DeliveryPlan.of(ledger, roster("ada", "bo"), List.of(done), NOW, 1);

    assertThat(ledger.students()).containsExactly("ada");
    assertThat(ledger.changed()).isTrue();
    assertThat(plan.deletions()).containsExactly(done);
    assertThat(plan.creations()).containsExactly(new DeliveryPlan.NewJob("bo", 1));
  }

  @Test
  void everyStudentDeliveredIsDelivered() {
    DeliveryPlan plan =
        DeliveryPlan.of(ledger("ada", "bo"), roster("ada", "bo"), List.of(), NOW, 10);

    assertThat(plan.creations()).isEmpty();
    assertThat(plan.outcome())
        .isEqualTo(
            new DeliveryPlan.Outcome(
                true, "Delivered", "revision " + REVISION + " delivered to 2 students"));
  }

  @Test
  void aFailedJobIsKeptForItsBackoffThenDeletedAndTheNextAttemptFollows() {
    Job failed = failedJob("ada", 2, NOW.minusSeconds(50));
    DeliveryLedger ledger = ledger();
    DeliveryPlan waiting = DeliveryPlan.of(ledger, roster("ada"), List.of(failed), NOW, 10);

    assertThat(waiting.deletions())
        .as("kept for its logs during the 60 s backoff of a second attempt")
        .isEmpty();
    assertThat(waiting.creations()).isEmpty();
    assertThat(waiting.retryIn()).isEqualTo(Duration.ofSeconds(10));
    assertThat(ledger.failures()).containsEntry("ada", 2);
    assertThat(waiting.outcome().reason()).isEqualTo("DeliveryFailed");
    assertThat(waiting.outcome().message())
        .startsWith("revision " + REVISION + ": delivery failed for 1 student: ada (2 attempts)");

    DeliveryPlan due =
        DeliveryPlan.of(ledger, roster("ada"), List.of(failed), NOW.plusSeconds(10), 10);
    assertThat(due.deletions()).containsExactly(failed);

    DeliveryPlan next = DeliveryPlan.of(ledger, roster("ada"), List.of(), NOW.plusSeconds(11), 10);
    assertThat(next.creations()).containsExactly(new DeliveryPlan.NewJob("ada", 3));
  }

  @Test
  void theBackoffDoublesFromThirtySecondsUpToTenMinutes() {
    assertThat(List.of(1, 2, 3, 5, 6, 40).stream().map(DeliveryPlan::backoff).toList())
        .containsExactly(
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(120),
            Duration.ofMinutes(8),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10));
  }

  @Test
  void failedJobsDoNotHoldASlot() {
    DeliveryPlan plan =
        DeliveryPlan.of(ledger(), roster("ada", "bo"), List.of(failedJob("ada", 1, NOW)), NOW, 1);

    assertThat(plan.creations()).containsExactly(new DeliveryPlan.NewJob("bo", 1));
  }

  @Test
  void aJobOfAnotherRevisionIsDeletedAndItsStudentWaitsUntilItIsGone() {
    Job old = job("ada", "0000000000", null, 1);
    DeliveryPlan plan = DeliveryPlan.of(ledger(), roster("ada", "bo"), List.of(old), NOW, 10);

    assertThat(plan.deletions()).containsExactly(old);
    assertThat(plan.creations())
        .as("one Job writes a home at a time")
        .containsExactly(new DeliveryPlan.NewJob("bo", 1));
  }

  @Test
  void aStudentWhoLeftTheRosterLosesTheirJobAndTheirLedgerLine() {
    Job leaving = job("bo", REVISION, null, 1);
    DeliveryLedger ledger = ledger("ada", "cy");
    DeliveryPlan plan = DeliveryPlan.of(ledger, roster("ada"), List.of(leaving), NOW, 10);

    assertThat(plan.deletions()).containsExactly(leaving);
    assertThat(ledger.students()).containsExactly("ada");
    assertThat(plan.outcome().delivered()).isTrue();
  }

  @Test
  void anUnreadableRosterDeliversToNobodyNewAndRemovesNobody() {
    DeliveryLedger ledger = ledger("ada");
    Roster unreadable =
        new Roster(
            List.of(),
            List.of(
                new Finding(
                    "RosterValid",
                    "RosterNotFound",
                    "ConfigMap roster (spec.roster.configMapRef) does not exist; no student is added or removed until it is fixed")),
            false);
    DeliveryPlan plan = DeliveryPlan.of(ledger, unreadable, List.of(), NOW, 10);

    assertThat(plan.creations()).isEmpty();
    assertThat(ledger.students()).containsExactly("ada");
    assertThat(plan.outcome())
        .isEqualTo(
            new DeliveryPlan.Outcome(
                false,
                "RosterUnreadable",
                "revision "
                    + REVISION
                    + " is delivered to nobody new: ConfigMap roster (spec.roster.configMapRef) does not exist; no student is added"
                    + " or removed until it is fixed"));
  }

  @Test
  void theFailureMessageNamesThreeStudents() {
    DeliveryLedger ledger = ledger();
    for (String student : List.of("ada", "bo", "cy", "dee")) {
      ledger.failed(student, 1);
    }
    assertThat(
            DeliveryPlan.of(ledger, roster("ada", "bo", "cy", "dee", "eve"), List.of(), NOW, 0)
                .outcome()
                .message())
        .isEqualTo(
            "revision "
                + REVISION
                + ": delivery failed for 4 students: ada (1 attempt), bo (1 attempt), "
                + "cy (1 attempt), ...; each is retried after a backoff; 0 of 5 delivered");
  }

  private static DeliveryLedger ledger(String... delivered) {
    DeliveryLedger ledger = DeliveryLedger.of(null, REVISION);
    Arrays.stream(delivered).forEach(ledger::delivered);
    return ledger;
  }

  private static Roster roster(String... ids) {
    return new Roster(
        Arrays.stream(ids).map(id -> new Student(id, null, null)).toList(), List.of(), true);
  }

  private static Job job(String student, String revision, String condition, int attempt) {
    JobBuilder job =
        new JobBuilder()
            .withNewMetadata()
            .withName(DeliveryJob.name("m1", revision, student))
            .addToLabels("tito.dev/student", student)
            .addToLabels(ReleaseObjects.REVISION, revision)
            .addToAnnotations(DeliveryJob.ATTEMPT, Integer.toString(attempt))
            .endMetadata();
    if (condition != null) {
      job.withNewStatus()
          .addNewCondition()
          .withType(condition)
          .withStatus("True")
          .withLastTransitionTime(NOW.toString())
          .endCondition()
          .endStatus();
    }
    return job.build();
  }

  private static Job failedJob(String student, int attempt, Instant at) {
    Job job = job(student, REVISION, "Failed", attempt);
    job.getStatus().getConditions().get(0).setLastTransitionTime(at.toString());
    return job;
  }
}
