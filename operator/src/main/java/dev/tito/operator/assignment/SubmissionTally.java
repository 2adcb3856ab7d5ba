package dev.tito.operator.assignment;

import dev.tito.api.assignment.SubmissionsSummary;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.operator.cluster.Timestamps;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Assignment's summary of its Submissions: how many are in each phase, the mean of each student's latest graded
 * score, and whether the regrade round asked for in {@code spec.regrade} is done.
 *
 * @param regradedRound {@code spec.regrade} once every student's latest submission was graded in that round (a round
 *     once done stays done); null without a regrade
 */
record SubmissionTally(SubmissionsSummary summary, Integer regradedRound) {
  // latest first by creation, then by name: two submissions of one second are still ordered
  private static final Comparator<Submission> NEWER =
      Comparator.comparing(
              (Submission s) -> Timestamps.orEpoch(s.getMetadata().getCreationTimestamp()))
          .thenComparing(s -> s.getMetadata().getName());

  static SubmissionTally of(
      Collection<Submission> submissions, Integer regrade, Integer previousRound) {
    SubmissionsSummary summary = new SubmissionsSummary();
    summary.received = submissions.size();
    summary.queued = 0;
    summary.grading = 0;
    summary.graded = 0;
    summary.failed = 0;
    Map<String, Submission> latest = new TreeMap<>();
    Map<String, Submission> latestGraded = new TreeMap<>();
    for (Submission submission : submissions) {
      SubmissionPhase phase = submission.getStatus() == null ? null : submission.getStatus().phase;
      // not yet seen by the grader: waiting like a queued one
      if (phase == null || phase == SubmissionPhase.Queued) {
        summary.queued++;
      } else if (phase == SubmissionPhase.Grading) {
        summary.grading++;
      } else if (phase == SubmissionPhase.Graded) {
        summary.graded++;
      } else {
        summary.failed++;
      }
      String student = submission.getSpec() == null ? "" : submission.getSpec().student;
      latest.merge(student, submission, (a, b) -> NEWER.compare(a, b) >= 0 ? a : b);
      if (phase == SubmissionPhase.Graded && submission.getStatus().score != null) {
        latestGraded.merge(student, submission, (a, b) -> NEWER.compare(a, b) >= 0 ? a : b);
      }
    }
    // summed in student order: the same cache gives the same mean, so an unchanged status is not
    // rewritten
    summary.mean =
        latestGraded.isEmpty()
            ? null
            : Math.round(
                    latestGraded.values().stream().mapToDouble(s -> s.getStatus().score).sum()
                        / latestGraded.size()
                        * 100)
                / 100.0;
    return new SubmissionTally(summary, regradedRound(latest.values(), regrade, previousRound));
  }

  private static Integer regradedRound(
      Collection<Submission> latest, Integer regrade, Integer previousRound) {
    if (regrade == null || regrade <= 0) {
      return null;
    }
    boolean done =
        latest.stream()
            .allMatch(
                s ->
                    s.getStatus() != null
                        && s.getStatus().gradedRound != null
                        && s.getStatus().gradedRound >= regrade);
    if (done) {
      return regrade;
    }
    return previousRound != null && previousRound <= regrade ? previousRound : null;
  }
}
