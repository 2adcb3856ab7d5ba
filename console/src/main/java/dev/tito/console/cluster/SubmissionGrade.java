package dev.tito.console.cluster;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionResults;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.SubmissionTimestamp;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.Timings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Graded Submission's status as the record the local exports read: totals as the operator computed them (late
 * penalty included), one notebook per notebook named in the results.
 */
public final class SubmissionGrade {
  private SubmissionGrade() {}

  public static GradingResult of(Submission submission, Assignment assignment) {
    SubmissionStatus status = submission.getStatus();
    Instant created = Instant.parse(submission.getMetadata().getCreationTimestamp());
    String dueAt = assignment.getSpec() == null ? null : assignment.getSpec().dueAt;
    double secondsLate =
        dueAt == null
            ? 0
            : Math.max(0, Duration.between(Instant.parse(dueAt), created).toMillis() / 1000.0);
    double penalty = status.latePenalty == null ? 0 : status.latePenalty;
    double score = status.score == null ? 0 : status.score;
    List<NotebookGrade> notebooks = notebooks(status, penalty);
    return new GradingResult(
        GradingResult.SCHEMA_VERSION,
        submission.getSpec().assignment,
        submission.getSpec().student,
        SubmissionTimestamp.format(LocalDateTime.ofInstant(created, ZoneOffset.UTC)),
        secondsLate,
        score + penalty,
        penalty,
        score,
        status.maxScore == null ? 0 : status.maxScore,
        Boolean.TRUE.equals(status.needsManualGrade),
        notebooks);
  }

  /** The results grouped by notebook, in their order; the whole late penalty on the first, as totals count it once. */
  private static List<NotebookGrade> notebooks(SubmissionStatus status, double penalty) {
    List<NotebookGrade> notebooks = new ArrayList<>();
    SubmissionResults.byNotebook(status)
        .forEach(
            (name, tests) ->
                notebooks.add(
                    new NotebookGrade(
                        name,
                        true,
                        "ok",
                        null,
                        tests.stream().mapToDouble(TestResult::score).sum(),
                        tests.stream().mapToDouble(TestResult::maxScore).sum(),
                        notebooks.isEmpty() ? penalty : 0,
                        tests.stream().anyMatch(TestResult::needsManualGrade),
                        tests,
                        Map.of(),
                        List.of(),
                        new Timings(0, 0, 0))));
    return notebooks;
  }
}
