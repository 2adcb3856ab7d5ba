package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.api.submission.SubmissionStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionTallyTest {

  @Test
  void theMeanTakesEachStudentsLatestGradedScoreEvenWhenANewerOneIsStillGrading() {
    SubmissionTally tally =
        SubmissionTally.of(
            List.of(
                submission("a1", "ada", "2026-12-01T10:00:00Z", SubmissionPhase.Graded, 2.0, null),
                submission("a2", "ada", "2026-12-01T11:00:00Z", SubmissionPhase.Graded, 9.0, null),
                submission(
                    "a3", "ada", "2026-12-01T12:00:00Z", SubmissionPhase.Grading, null, null),
                submission("b1", "bo", "2026-12-01T10:00:00Z", SubmissionPhase.Graded, 4.0, null)),
            null,
            null);

    assertThat(tally.summary().received).isEqualTo(4);
    assertThat(tally.summary().graded).isEqualTo(3);
    assertThat(tally.summary().grading).isEqualTo(1);
    assertThat(tally.summary().mean).isEqualTo(6.5);
    assertThat(tally.regradedRound()).isNull();
  }

  @Test
  void theMeanIsRoundedToHundredths() {
    SubmissionTally tally =
        SubmissionTally.of(
            List.of(
                submission("a", "ada", "2026-12-01T10:00:00Z", SubmissionPhase.Graded, 1.0, null),
                submission("b", "bo", "2026-12-01T10:00:00Z", SubmissionPhase.Graded, 1.0, null),
                submission("c", "cy", "2026-12-01T10:00:00Z", SubmissionPhase.Graded, 0.0, null)),
            null,
            null);

    assertThat(tally.summary().mean).isEqualTo(0.67);
  }

  @Test
  void aRoundIsDoneWhenEveryLatestSubmissionWasGradedInItAndStaysDone() {
    List<Submission> halfway =
        List.of(
            submission("a1", "ada", "2026-12-01T10:00:00Z", SubmissionPhase.Graded, 5.0, 1),
            submission("a2", "ada", "2026-12-01T11:00:00Z", SubmissionPhase.Graded, 5.0, 2),
            submission("b1", "bo", "2026-12-01T10:00:00Z", SubmissionPhase.Graded, 5.0, 1));
    assertThat(SubmissionTally.of(halfway, 2, null).regradedRound()).isNull();
    assertThat(SubmissionTally.of(halfway, 2, 1).regradedRound())
        .as("the last round done")
        .isEqualTo(1);

    List<Submission> done =
        List.of(
            halfway.get(1),
            submission("b1", "bo", "2026-12-01T10:00:00Z", SubmissionPhase.Graded, 5.0, 2));
    assertThat(SubmissionTally.of(done, 2, 1).regradedRound()).isEqualTo(2);
    assertThat(SubmissionTally.of(List.of(), 0, null).regradedRound())
        .as("no regrade asked")
        .isNull();
  }

  @Test
  void aSubmissionTheGraderHasNotSeenCountsAsQueued() {
    SubmissionTally tally =
        SubmissionTally.of(
            List.of(
                submission("a1", "ada", "2026-12-01T10:00:00Z", null, null, null),
                submission("b1", "bo", "2026-12-01T10:00:00Z", SubmissionPhase.Queued, null, null),
                submission("c1", "cy", "2026-12-01T10:00:00Z", SubmissionPhase.Failed, null, null)),
            null,
            null);

    assertThat(tally.summary().queued).isEqualTo(2);
    assertThat(tally.summary().failed).isEqualTo(1);
    assertThat(tally.summary().mean).isNull();
  }

  private static Submission submission(
      String name,
      String student,
      String created,
      SubmissionPhase phase,
      Double score,
      Integer round) {
    Submission submission = new Submission();
    submission.getMetadata().setName(name);
    submission.getMetadata().setCreationTimestamp(created);
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().student = student;
    if (phase != null) {
      submission.setStatus(new SubmissionStatus());
      submission.getStatus().phase = phase;
      submission.getStatus().score = score;
      submission.getStatus().gradedRound = round;
    }
    return submission;
  }
}
