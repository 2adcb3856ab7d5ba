package dev.tito.operator.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentStatus;
import dev.tito.api.assignment.LatePolicy;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.review.Review;
import dev.tito.api.review.ReviewGrade;
import dev.tito.api.review.ReviewSpec;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.SubmissionWait;
import dev.tito.api.testing.GradedSubmissions;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import dev.tito.operator.grading.GradingAction.CountOutcome;
import dev.tito.operator.grading.GradingAction.CreateJob;
import dev.tito.operator.grading.GradingAction.DeleteJob;
import dev.tito.operator.grading.GradingAction.ForgetReservation;
import dev.tito.operator.grading.GradingAction.OwnFiles;
import dev.tito.operator.grading.GradingAction.TimeGrading;
import dev.tito.operator.grading.GradingAction.WakeQueueHeads;
import dev.tito.operator.grading.GradingAction.WriteFeedback;
import dev.tito.operator.grading.ObservedJob.Presence;
import dev.tito.operator.status.StatusRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grading state machine, transition by transition: each row a Submission's status, what was observed, and the
 * next status, its actions and when it is looked at again (the table of docs/architecture.md).
 */
class SubmissionDecisionTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration BACKOFF = Duration.ofSeconds(10);
  private static final GradingSettings SETTINGS = new GradingSettings("tito:1", null, BACKOFF);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String FIRST_JOB = GradingJob.name(submission(null), 0, 1);

  static Stream<Arguments> transitions() {
    return Stream.of(
            // a new submission: checked, then queued, then given its Job
            row("a new submission whose Assignment is not released waits for it and is looked at again")
                .seeing(
                    seen()
                        .checks(
                            SubmissionChecks.Verdict.waiting(
                                SubmissionWait.Release, "Assignment m1 is not released yet", null)))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.Release, null)
                .saying("not released")
                .lookingAgainIn(SubmissionDecision.RECHECK)
                .and(s -> assertThat(s.queuedAt).isEqualTo(NOW.toString())),
            row("a submission waiting for a release scheduled later shows the release time as the earliest it moves")
                .seeing(
                    seen()
                        .releasedAt(NOW.plusSeconds(3600))
                        .checks(
                            SubmissionChecks.Verdict.waiting(
                                SubmissionWait.Release, "Assignment m1 is not released yet", null)))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.Release, NOW.plusSeconds(3600))
                .lookingAgainIn(SubmissionDecision.RECHECK),
            row("a roster that cannot be read is waited for")
                .seeing(
                    seen()
                        .checks(
                            SubmissionChecks.Verdict.waiting(
                                SubmissionWait.Roster, "the roster cannot be read", null)))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.Roster, null)
                .lookingAgainIn(SubmissionDecision.RECHECK),
            row("a student not on the roster is refused as InvalidSubmission before any Job")
                .seeing(
                    seen()
                        .checks(
                            SubmissionChecks.Verdict.refused(
                                "InvalidSubmission", "not on the roster", null)))
                .becomes(SubmissionPhase.Failed)
                .failing("InvalidSubmission")
                .acting(CountOutcome.class)
                .and(s -> assertThat(s.completedAt).isEqualTo(NOW.toString())),
            row("files over the class's limit are refused as TooLarge, and the Submission owns them")
                .seeing(
                    seen()
                        .checks(
                            SubmissionChecks.Verdict.refused(
                                "TooLarge", "1025 bytes", files(false))))
                .becomes(SubmissionPhase.Failed)
                .failing("TooLarge")
                .acting(OwnFiles.class, CountOutcome.class),
            row("a notebook that is not nbformat 4 is refused as InvalidNotebook")
                .seeing(
                    seen()
                        .checks(
                            SubmissionChecks.Verdict.refused(
                                "InvalidNotebook", "nbformat 3", files(true))))
                .becomes(SubmissionPhase.Failed)
                .failing("InvalidNotebook")
                .acting(CountOutcome.class),
            row("work handed in past the cutoff is refused as Late")
                .seeing(
                    seen()
                        .checks(
                            SubmissionChecks.Verdict.refused(
                                "Late", "past the cutoff of 1h", files(true))))
                .becomes(SubmissionPhase.Failed)
                .failing("Late")
                .acting(CountOutcome.class),
            row("a checked submission behind a full class waits with its place in the queue and owns its files")
                .seeing(seen().ready(files(false)).slot(false, 4))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.QueuePlace, null)
                .saying("4 submissions of the class ahead")
                .acting(OwnFiles.class)
                .and(s -> assertThat(s.queuePosition).isEqualTo(4)),
            row("a place counted the moment after the submission was made is counted again once all its second's arrivals are cached")
                .createdAt(NOW.minusSeconds(1))
                .seeing(seen().ready(files(false)).slot(false, 4))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.QueuePlace, null)
                .acting(OwnFiles.class)
                .lookingAgainIn(SubmissionDecision.PLACE_SETTLES.minusSeconds(1)),
            row("a place counted again once it settled needs no further count")
                .from(positioned(4))
                .createdAt(NOW.minus(SubmissionDecision.PLACE_SETTLES))
                .seeing(seen().slot(false, 4))
                .unchanged(),
            row("a checked submission given a slot gets its first Job and is Grading")
                .seeing(seen().ready(files(true)).slot(true, 0))
                .becomes(SubmissionPhase.Grading)
                .saying("grading in Job " + FIRST_JOB)
                .acting(CreateJob.class, WakeQueueHeads.class)
                .lookingAgainIn(SubmissionDecision.RECHECK)
                .and(
                    s -> {
                      assertThat(s.jobName).isEqualTo(FIRST_JOB);
                      assertThat(s.attempts).isEqualTo(1);
                      assertThat(s.gradedRound).isZero();
                      assertThat(s.startedAt).isEqualTo(NOW.toString());
                    }),
            row("a checked submission given a slot gets its Job first and owns its files after it")
                .seeing(seen().ready(files(false)).slot(true, 0))
                .becomes(SubmissionPhase.Grading)
                .acting(CreateJob.class, WakeQueueHeads.class, OwnFiles.class)
                .lookingAgainIn(SubmissionDecision.RECHECK),
            row("in a class graded through Kueue the Job is created suspended and the submission waits for Kueue")
                .seeing(seen().kueue().ready(files(true)))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.KueueAdmission, null)
                .saying("waiting for Kueue queue grading to admit grading Job " + FIRST_JOB)
                .acting(CreateJob.class)
                .lookingAgainIn(SubmissionDecision.RECHECK),
            row("a restarted operator adopts the Job it created before instead of creating a second")
                .seeing(
                    seen()
                        .ready(files(true))
                        .job(ObservedJob.cached(job(FIRST_JOB, null), null, null)))
                .becomes(SubmissionPhase.Grading)
                .lookingAgainIn(SubmissionDecision.RECHECK)
                .and(s -> assertThat(s.jobName).isEqualTo(FIRST_JOB)),
            // waiting with a place: not read again at every move of the queue
            row("a queued submission whose place moved shows its new place")
                .from(positioned(3))
                .seeing(seen().slot(false, 1))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.QueuePlace, null)
                .saying("1 submissions of the class ahead")
                .and(s -> assertThat(s.queuePosition).isEqualTo(1)),
            row("a queued submission written before waitingFor existed gains it at its next reconcile")
                .from(legacy(positioned(3)))
                .seeing(seen().slot(false, 3))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.QueuePlace, null),
            row("a queued submission admitted is checked again and gets its Job")
                .from(positioned(0))
                .seeing(seen().slot(true, 0).ready(files(true)))
                .becomes(SubmissionPhase.Grading)
                .acting(CreateJob.class, WakeQueueHeads.class)
                .lookingAgainIn(SubmissionDecision.RECHECK)
                .and(s -> assertThat(s.queuePosition).isNull()),
            row("a queued submission admitted after its gradebook went away gives its slot back and waits")
                .from(positioned(0))
                .seeing(
                    seen()
                        .slot(true, 0)
                        .checks(
                            SubmissionChecks.Verdict.waiting(
                                SubmissionWait.Release,
                                "the gradebook is not stored yet",
                                files(true))))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.Release, null)
                .saying("gradebook")
                .acting(ForgetReservation.class)
                .lookingAgainIn(SubmissionDecision.RECHECK)
                .and(s -> assertThat(s.queuePosition).isNull()),
            row("a queued submission admitted after its student left the roster gives its slot back and is refused")
                .from(positioned(0))
                .seeing(
                    seen()
                        .slot(true, 0)
                        .checks(
                            SubmissionChecks.Verdict.refused(
                                "InvalidSubmission", "not on the roster", null)))
                .becomes(SubmissionPhase.Failed)
                .failing("InvalidSubmission")
                .acting(ForgetReservation.class, CountOutcome.class),
            // following the attempt's Job
            row("a Job the cache does not show yet is looked for again, the status unchanged")
                .from(grading(1))
                .seeing(seen().job(ObservedJob.absent(FIRST_JOB, Presence.NOT_CACHED_YET)))
                .unchanged()
                .lookingAgainIn(SubmissionDecision.RECHECK),
            row("a Job gone while the cached status is behind the server's is decided again on the newer copy")
                .from(grading(1))
                .seeing(seen().job(ObservedJob.absent(FIRST_JOB, Presence.STATUS_BEHIND)))
                .unchanged()
                .lookingAgainIn(StatusRecorder.STALE_RETRY),
            row("a Job deleted before its result is an InfrastructureError tried again after the backoff")
                .from(grading(1))
                .seeing(seen().job(ObservedJob.absent(FIRST_JOB, Presence.GONE)))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.RetryTime, NOW.plus(BACKOFF))
                .failing("InfrastructureError")
                .saying("trying again in 10.0s")
                .acting(ForgetReservation.class)
                .lookingAgainIn(BACKOFF)
                .and(
                    s ->
                        assertThat(s.queuedAt)
                            .as("queuedAt keeps when it was queued")
                            .isEqualTo(grading(1).queuedAt)),
            row("a running Job keeps the submission Grading and is looked at again")
                .from(grading(1))
                .seeing(seen().following(job(FIRST_JOB, null), JobOutcome.State.RUNNING, null))
                .unchanged()
                .acting(ForgetReservation.class)
                .lookingAgainIn(SubmissionDecision.RECHECK),
            row("a Job Kueue admitted turns a waiting submission into Grading")
                .from(kueued())
                .seeing(
                    seen().kueue().following(job(FIRST_JOB, null), JobOutcome.State.RUNNING, null))
                .becomes(SubmissionPhase.Grading)
                .saying("grading in Job")
                .acting(ForgetReservation.class)
                .lookingAgainIn(SubmissionDecision.RECHECK)
                .and(s -> assertThat(s.startedAt).isEqualTo(NOW.toString())),
            row("a Job Kueue has not admitted keeps the submission waiting for Kueue")
                .from(kueued())
                .seeing(
                    seen()
                        .kueue()
                        .following(job(FIRST_JOB, null), JobOutcome.State.SUSPENDED, null))
                .unchanged()
                .acting(ForgetReservation.class),
            row("a Job that succeeded is Graded with the score, the results and the feedback page")
                .from(grading(1))
                .seeing(
                    seen()
                        .following(
                            job(FIRST_JOB, "Complete"),
                            JobOutcome.State.SUCCEEDED,
                            ObservedJob.ScoreRead.of(result(3, 5))))
                .becomes(SubmissionPhase.Graded)
                .saying("graded: 3/5")
                .acting(
                    ForgetReservation.class,
                    WriteFeedback.class,
                    CountOutcome.class,
                    TimeGrading.class)
                .and(
                    s -> {
                      assertThat(s.score).isEqualTo(3.0);
                      assertThat(s.maxScore).isEqualTo(5.0);
                      assertThat(s.latePenalty).isZero();
                      assertThat(s.feedbackConfigMap).isEqualTo("ada-1-feedback");
                      assertThat(s.results).hasSize(1);
                      assertThat(s.conditions)
                          .singleElement()
                          .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
                    }),
            row("late work within the policy is Graded with the operator's penalty")
                .from(grading(1))
                .seeing(
                    seen()
                        .late()
                        .following(
                            job(FIRST_JOB, "Complete"),
                            JobOutcome.State.SUCCEEDED,
                            ObservedJob.ScoreRead.of(result(3, 5))))
                .becomes(SubmissionPhase.Graded)
                .saying("after a late penalty of 1")
                .acting(
                    ForgetReservation.class,
                    WriteFeedback.class,
                    CountOutcome.class,
                    TimeGrading.class)
                .and(s -> assertThat(s.score).isEqualTo(2.0)),
            row("a result that cannot be read is an InfrastructureError tried again, the finished Job left to its TTL")
                .from(grading(1))
                .seeing(
                    seen()
                        .following(
                            job(FIRST_JOB, "Complete"),
                            JobOutcome.State.SUCCEEDED,
                            ObservedJob.ScoreRead.unreadable("score output: not JSON")))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.RetryTime, NOW.plus(BACKOFF))
                .failing("InfrastructureError")
                .saying("not JSON")
                .acting(ForgetReservation.class)
                .lookingAgainIn(BACKOFF),
            failing("Timeout", "grading ran past the class's timeout"),
            failing("OutOfMemory", "the notebook used more memory than the class allows"),
            failing("KernelDied", "executing the notebooks stopped with exit code 1"),
            row("an image that does not pull is an ImagePullError: its stuck Job is deleted and tried again")
                .from(grading(1))
                .seeing(
                    seen()
                        .following(
                            job(FIRST_JOB, null),
                            new JobOutcome(
                                JobOutcome.State.RETRYABLE,
                                "ImagePullError",
                                "cannot pull image grader:missing")))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.RetryTime, NOW.plus(BACKOFF))
                .failing("ImagePullError")
                .acting(ForgetReservation.class, DeleteJob.class)
                .lookingAgainIn(BACKOFF),
            row("the third retry waits four times the backoff")
                .from(grading(3))
                .seeing(
                    seen()
                        .following(
                            job(GradingJob.name(submission(null), 0, 3), "Failed"),
                            new JobOutcome(
                                JobOutcome.State.RETRYABLE,
                                "InfrastructureError",
                                "the pod was evicted")))
                .becomes(SubmissionPhase.Queued)
                .waitingFor(SubmissionWait.RetryTime, NOW.plus(BACKOFF.multipliedBy(4)))
                .failing("InfrastructureError")
                .acting(ForgetReservation.class)
                .lookingAgainIn(BACKOFF.multipliedBy(4)),
            row("an InfrastructureError after the last retry is final")
                .from(grading(4))
                .seeing(
                    seen()
                        .following(
                            job(GradingJob.name(submission(null), 0, 4), "Failed"),
                            new JobOutcome(
                                JobOutcome.State.RETRYABLE,
                                "InfrastructureError",
                                "the pod was evicted")))
                .becomes(SubmissionPhase.Failed)
                .failing("InfrastructureError")
                .saying("(after 4 attempts)")
                .acting(ForgetReservation.class, CountOutcome.class),
            // a retry waits out its backoff, then starts over from the checks
            row("a retry whose backoff is not over waits for it without a write")
                .from(retrying(NOW.plusSeconds(4)))
                .seeing(seen())
                .unchanged()
                .lookingAgainIn(Duration.ofSeconds(4)),
            row("a retry written before notBefore existed waits out the time its queuedAt held")
                .from(legacyRetry(NOW.plusSeconds(4)))
                .seeing(seen())
                .unchanged()
                .lookingAgainIn(Duration.ofSeconds(4)),
            row("a retry written before notBefore existed starts once that time is over")
                .from(legacyRetry(NOW.minusSeconds(1)))
                .seeing(seen().ready(files(true)).slot(true, 0))
                .becomes(SubmissionPhase.Grading)
                .saying("(attempt 2)")
                .acting(CreateJob.class, WakeQueueHeads.class)
                .lookingAgainIn(SubmissionDecision.RECHECK),
            row("a retry whose backoff is over gets the next attempt's Job")
                .from(retrying(NOW.minusSeconds(1)))
                .seeing(seen().ready(files(true)).slot(true, 0))
                .becomes(SubmissionPhase.Grading)
                .saying("(attempt 2)")
                .acting(CreateJob.class, WakeQueueHeads.class)
                .lookingAgainIn(SubmissionDecision.RECHECK)
                .and(
                    s -> {
                      assertThat(s.jobName).isEqualTo(GradingJob.name(submission(null), 0, 2));
                      assertThat(s.failureClass).isNull();
                    }),
            // settled
            row("a Graded submission nobody graded by hand stays as it is")
                .from(graded())
                .seeing(seen())
                .unchanged(),
            row("a Failed submission stays as it is").from(refused()).seeing(seen()).unchanged(),
            row("a person's grade in the student's Review counts in the Graded status")
                .from(graded())
                .seeing(seen().review(grade("ada-1", 2.5)))
                .becomes(SubmissionPhase.Graded)
                .saying("graded: 4.5/5; some cells graded by hand")
                .and(s -> assertThat(s.needsManualGrade).isFalse()),
            row("a grade given for another submission whose answer differs no longer counts")
                .from(graded())
                .seeing(
                    seen()
                        .review(grade("ada-0", 2.5))
                        .answers(
                            Map.of(
                                "ada-0",
                                Map.of("01_tensor/explain", "sha256:a"),
                                "ada-1",
                                Map.of("01_tensor/explain", "sha256:b"))))
                .becomes(SubmissionPhase.Graded)
                .saying("1 grade given by hand no longer counts"),
            row("a regrade gives the student's latest submission a Job of the new round")
                .from(graded())
                .seeing(seen().regrade(1).ready(files(true)).slot(true, 0))
                .becomes(SubmissionPhase.Grading)
                .acting(CreateJob.class, WakeQueueHeads.class)
                .lookingAgainIn(SubmissionDecision.RECHECK)
                .and(
                    s -> {
                      assertThat(s.jobName).isEqualTo(GradingJob.name(submission(null), 1, 1));
                      assertThat(s.gradedRound).isEqualTo(1);
                      assertThat(s.score).isNull();
                    }),
            row("a regrade passes over a submission that is not the student's latest")
                .from(graded())
                .seeing(seen().regrade(1).notLatest())
                .unchanged())
        .map(row -> Arguments.of(row.sentence, row));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void eachTransition(String sentence, Row row) {
    SubmissionDecision.Decision decision =
        SubmissionDecision.decide(
            submission(row.before, row.createdAt), row.seen.build(), NOW, SETTINGS);

    if (row.unchanged) {
      assertThat(json(decision.status())).as("no write").isEqualTo(json(row.before));
    } else {
      assertThat(decision.status().phase).isEqualTo(row.phase);
      assertThat(decision.status().waitingFor).as("waiting for").isEqualTo(row.wait);
      assertThat(decision.status().notBefore)
          .as("not before")
          .isEqualTo(row.notBefore == null ? null : row.notBefore.toString());
    }
    assertThat(decision.status().failureClass)
        .isEqualTo(row.unchanged ? row.before.failureClass : row.failureClass);
    if (row.message != null) {
      assertThat(decision.status().message).contains(row.message);
    }
    assertThat(decision.actions())
        .extracting(Object::getClass)
        .as("actions")
        .containsExactlyElementsOf(row.actions);
    assertThat(decision.requeue()).as("looked at again in").isEqualTo(row.requeue);
    row.extra.accept(decision.status());
  }

  static Stream<Arguments> steadyStates() {
    return transitions()
        .map(arguments -> (Row) arguments.get()[1])
        .filter(
            row ->
                row.unchanged
                    || row.phase == SubmissionPhase.Failed
                    || row.actions.equals(List.of(OwnFiles.class))
                    || row.actions.isEmpty()
                        && (row.phase == SubmissionPhase.Graded
                            || row.phase == SubmissionPhase.Queued))
        .map(row -> Arguments.of(row.sentence, row));
  }

  /** A status this operator wrote is the one it would write again: at steady state nothing is sent. */
  @ParameterizedTest(name = "then: {0}")
  @MethodSource("steadyStates")
  void aDecisionMadeAgainOnItsOwnStatusWritesNothing(String sentence, Row row) {
    SubmissionStatus written =
        SubmissionDecision.decide(
                submission(row.before, row.createdAt), row.seen.build(), NOW, SETTINGS)
            .status();
    SubmissionDecision.Decision again =
        SubmissionDecision.decide(
            submission(written, row.createdAt),
            row.seen.owned().build(),
            NOW.plusSeconds(1),
            SETTINGS);

    assertThat(json(again.status())).isEqualTo(json(written));
    assertThat(again.actions())
        .extracting(Object::getClass)
        .doesNotContain(CreateJob.class, DeleteJob.class, WriteFeedback.class, OwnFiles.class);
  }

  private static Row failing(String failureClass, String detail) {
    return row("a Job that ended in " + failureClass + " is Failed and never tried again")
        .from(grading(1))
        .seeing(
            seen()
                .following(
                    job(FIRST_JOB, "Failed"),
                    new JobOutcome(JobOutcome.State.FAILED, failureClass, detail)))
        .becomes(SubmissionPhase.Failed)
        .failing(failureClass)
        .saying(failureClass + ": " + detail)
        .acting(ForgetReservation.class, CountOutcome.class)
        .and(
            s ->
                assertThat(s.conditions)
                    .singleElement()
                    .satisfies(
                        c -> {
                          assertThat(c.getStatus()).isEqualTo("False");
                          assertThat(c.getReason()).isEqualTo(failureClass);
                        }));
  }

  /** One row of the table, built as it reads. */
  static final class Row {
    final String sentence;
    SubmissionStatus before;
    Seen seen = seen();
    SubmissionPhase phase;
    SubmissionWait wait;
    Instant notBefore;
    String failureClass;
    String message;
    boolean unchanged;
    List<Class<?>> actions = List.of();
    Duration requeue;
    Instant createdAt = NOW.minusSeconds(60);
    Consumer<SubmissionStatus> extra = s -> {};

    Row(String sentence) {
      this.sentence = sentence;
    }

    Row from(SubmissionStatus status) {
      this.before = status;
      return this;
    }

    Row seeing(Seen seen) {
      this.seen = seen;
      return this;
    }

    Row becomes(SubmissionPhase phase) {
      this.phase = phase;
      return this;
    }

    Row waitingFor(SubmissionWait wait, Instant notBefore) {
      this.wait = wait;
      this.notBefore = notBefore;
      return this;
    }

    Row unchanged() {
      this.unchanged = true;
      return this;
    }

    Row failing(String failureClass) {
      this.failureClass = failureClass;
      return this;
    }

    Row saying(String message) {
      this.message = message;
      return this;
    }

    Row acting(Class<?>... actions) {
      this.actions = Arrays.asList(actions);
      return this;
    }

    Row createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    Row lookingAgainIn(Duration requeue) {
      this.requeue = requeue;
      return this;
    }

    Row and(Consumer<SubmissionStatus> extra) {
      this.extra = extra;
      return this;
    }

    @Override
    public String toString() {
      return sentence;
    }
  }

  /** What the observer would have gathered. */
  static final class Seen {
    Assignment assignment = assignment();
    Classroom classroom = GradingJobTest.classroom(null);
    boolean latest = true;
    Review review;
    Map<String, Map<String, String>> answers = Map.of();
    SubmissionChecks.Verdict checks;
    GradingQueue.Admission slot;
    ObservedJob job;

    Seen checks(SubmissionChecks.Verdict verdict) {
      this.checks = verdict;
      return this;
    }

    Seen ready(ConfigMap files) {
      return checks(
          SubmissionChecks.Verdict.ready(
              files,
              new SubmissionChecks.Ready(
                  "abc", List.of("m1-release-abc-0"), List.of("01_tensor.ipynb"))));
    }

    Seen slot(boolean admitted, int position) {
      this.slot = new GradingQueue.Admission(admitted, position);
      return this;
    }

    Seen job(ObservedJob job) {
      this.job = job;
      return this;
    }

    Seen following(Job job, JobOutcome.State state, ObservedJob.ScoreRead score) {
      return job(
          ObservedJob.cached(job, new JobOutcome(state, null, state.name().toLowerCase()), score));
    }

    Seen following(Job job, JobOutcome outcome) {
      return job(ObservedJob.cached(job, outcome, null));
    }

    Seen kueue() {
      this.classroom = GradingJobTest.classroom("grading");
      return this;
    }

    Seen releasedAt(Instant at) {
      assignment.getSpec().releaseAt = at.toString();
      assignment.getStatus().releasedRevision = null;
      return this;
    }

    Seen late() {
      assignment.getSpec().dueAt = NOW.minusSeconds(7200).toString();
      assignment.getSpec().latePolicy = new LatePolicy();
      assignment.getSpec().latePolicy.period = "24h";
      assignment.getSpec().latePolicy.penaltyPerPeriod = 1.0;
      return this;
    }

    Seen review(Review review) {
      this.review = review;
      return this;
    }

    Seen answers(Map<String, Map<String, String>> answers) {
      this.answers = answers;
      return this;
    }

    Seen regrade(int round) {
      assignment.getSpec().regrade = round;
      return this;
    }

    Seen notLatest() {
      this.latest = false;
      return this;
    }

    /** The same, once the Submission owns its files (what the actor made true). */
    Seen owned() {
      if (checks != null && checks.files() != null) {
        checks = checks.withFiles(files(true));
      }
      return this;
    }

    SubmissionObservation build() {
      return new SubmissionObservation(
          assignment, classroom, latest, review, answers, checks, slot, job);
    }
  }

  private static Row row(String sentence) {
    return new Row(sentence);
  }

  private static Seen seen() {
    return new Seen();
  }

  private static Submission submission(SubmissionStatus status) {
    return submission(status, NOW.minusSeconds(60));
  }

  private static Submission submission(SubmissionStatus status, Instant createdAt) {
    Submission submission = GradedSubmissions.adasSubmission("ml", "m1", "ada-1");
    submission.getMetadata().setLabels(Map.of("tito.dev/classroom", "course"));
    submission.getMetadata().setUid("uid-1");
    submission.getMetadata().setGeneration(1L);
    submission.getMetadata().setCreationTimestamp(createdAt.toString());
    submission.getSpec().notebookConfigMap = "ada-1-files";
    submission.setStatus(status == null ? null : SERIALIZATION.clone(status));
    return submission;
  }

  private static Assignment assignment() {
    Assignment assignment = GradedSubmissions.assignment("ml", "m1");
    assignment.getSpec().classroom = "course";
    assignment.setStatus(new AssignmentStatus());
    assignment.getStatus().releasedRevision = "abc";
    return assignment;
  }

  private static ConfigMap files(boolean owned) {
    ConfigMapBuilder files =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("ada-1-files")
            .withNamespace("ml")
            .withResourceVersion("7")
            .endMetadata();
    if (owned) {
      files
          .editMetadata()
          .addNewOwnerReference()
          .withUid("uid-1")
          .withKind("Submission")
          .withName("ada-1")
          .endOwnerReference()
          .endMetadata();
    }
    return files.build();
  }

  private static Job job(String name, String finished) {
    JobBuilder job =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("ml")
            .endMetadata()
            .withNewSpec()
            .endSpec();
    if (finished != null) {
      job.withNewStatus()
          .withStartTime(NOW.minusSeconds(30).toString())
          .addNewCondition()
          .withType(finished)
          .withStatus("True")
          .endCondition()
          .endStatus();
    }
    return job.build();
  }

  /** What the score container printed: one test of {@code max} points, {@code score} of them earned. */
  private static ScoreOutput result(double score, double max) {
    dev.tito.notebook.autograde.TestResult test =
        new dev.tito.notebook.autograde.TestResult(
            "test_add",
            TestKind.AUTOGRADED_TEST,
            "code",
            score,
            score,
            max,
            score >= max ? TestStatus.PASSED : TestStatus.FAILED,
            false,
            false,
            "");
    NotebookGrade notebook =
        new NotebookGrade(
            "01_tensor",
            true,
            "ok",
            "",
            score,
            max,
            0,
            false,
            List.of(test),
            Map.of(),
            List.of(),
            new Timings(1, 2, 3));
    return new ScoreOutput(
        GradingResult.of("m1", "ada", null, 0, List.of(notebook)), "<p>feedback</p>");
  }

  private static Review grade(String submission, double score) {
    ReviewGrade grade = new ReviewGrade();
    grade.notebook = "01_tensor";
    grade.gradeId = "explain";
    grade.score = score;
    grade.maxScore = 3.0;
    grade.submission = submission;
    Review review = new Review();
    review.setSpec(new ReviewSpec());
    review.getSpec().assignment = "m1";
    review.getSpec().student = "ada";
    review.getSpec().grades = List.of(grade);
    return review;
  }

  /** A status as this operator writes it: the phase's condition and the generation it saw. */
  private static SubmissionStatus written(SubmissionStatus status) {
    status.observedGeneration = 1L;
    status.conditions =
        new ArrayList<>(SubmissionConditions.of(null, status, 1, NOW.minusSeconds(50)));
    return status;
  }

  private static SubmissionStatus positioned(int position) {
    SubmissionStatus status = new SubmissionStatus();
    status.phase = SubmissionPhase.Queued;
    status.queuePosition = position;
    status.queuedAt = NOW.minusSeconds(50).toString();
    status.message = position + " submissions of the class ahead in the grading queue";
    status.waitingFor = SubmissionWait.QueuePlace;
    return written(status);
  }

  private static SubmissionStatus grading(int attempt) {
    SubmissionStatus status = new SubmissionStatus();
    status.phase = SubmissionPhase.Grading;
    status.jobName = GradingJob.name(submission(null), 0, attempt);
    status.attempts = attempt;
    status.gradedRound = 0;
    status.queuedAt = NOW.minusSeconds(50).toString();
    status.startedAt = NOW.minusSeconds(40).toString();
    status.message = "grading in Job " + status.jobName;
    return written(status);
  }

  private static SubmissionStatus kueued() {
    SubmissionStatus status = grading(1);
    status.phase = SubmissionPhase.Queued;
    status.startedAt = null;
    status.message = "waiting for Kueue queue grading to admit grading Job " + status.jobName;
    status.waitingFor = SubmissionWait.KueueAdmission;
    return written(status);
  }

  private static SubmissionStatus retrying(Instant notBefore) {
    SubmissionStatus status = grading(1);
    status.phase = SubmissionPhase.Queued;
    status.failureClass = "InfrastructureError";
    status.waitingFor = SubmissionWait.RetryTime;
    status.notBefore = notBefore.toString();
    status.message =
        "attempt 1 failed (InfrastructureError: the pod was evicted); trying again in 10.0s";
    return written(status);
  }

  /** A retry as an operator wrote it before notBefore existed: the time was in queuedAt. */
  private static SubmissionStatus legacyRetry(Instant notBefore) {
    SubmissionStatus status = legacy(retrying(notBefore));
    status.queuedAt = notBefore.toString();
    return status;
  }

  /** The status as an operator wrote it before waitingFor and notBefore existed. */
  private static SubmissionStatus legacy(SubmissionStatus status) {
    status.waitingFor = null;
    status.notBefore = null;
    return status;
  }

  private static SubmissionStatus graded() {
    SubmissionStatus status = GradedSubmissions.waitingForAPerson();
    status.jobName = FIRST_JOB;
    status.attempts = 1;
    status.gradedRound = 0;
    status.completedAt = NOW.minusSeconds(10).toString();
    status.message = SubmissionDecision.gradedMessage(status, 0);
    return written(status);
  }

  private static SubmissionStatus refused() {
    SubmissionStatus status = new SubmissionStatus();
    status.phase = SubmissionPhase.Failed;
    status.failureClass = "TooLarge";
    status.gradedRound = 0;
    status.message = "ConfigMap ada-1-files: the submitted files hold 1025 bytes";
    status.completedAt = NOW.minusSeconds(10).toString();
    return written(status);
  }

  private static String json(SubmissionStatus status) {
    return status == null ? "null" : JsonMapper.builder().build().valueToTree(status).toString();
  }
}
