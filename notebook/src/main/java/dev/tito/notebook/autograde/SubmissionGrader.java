package dev.tito.notebook.autograde;

import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.review.AnswerDigest;
import dev.tito.notebook.review.ApplyReviews;
import dev.tito.notebook.review.Review;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grades one student's submission folder of a module (nbgrader's autograde of one submission):
 * every notebook the release recorded, missing ones included, then the late penalty.
 */
public final class SubmissionGrader {
  private final NotebookAutograder autograder;
  private final LatePolicy latePolicy;

  public SubmissionGrader(NotebookAutograder autograder, LatePolicy latePolicy) {
    this.autograder = autograder;
    this.latePolicy = latePolicy;
  }

  /**
   * @param submissionDir {@code submitted/<student>/<module>/}: notebooks, data files, optional timestamp.txt
   * @param instructorDataDir the module's own data files, which replace the student's copies; may be null
   * @param review the person's grades so far: kept where the answer they were given for is unchanged, and counted
   *     before the late penalty, as nbgrader's autograde counts manual scores
   * @throws IllegalArgumentException for an unreadable timestamp.txt (naming the file)
   */
  public GradedSubmission grade(
      String module,
      String student,
      ReleaseGradebook gradebook,
      Path submissionDir,
      Path instructorDataDir,
      boolean execute,
      Review review) {
    LocalDateTime timestamp = readTimestamp(submissionDir.resolve("timestamp.txt"));
    double secondsLate = secondsLate(timestamp, gradebook.duedate());
    List<Path> dataDirs = new ArrayList<>(List.of(submissionDir));
    if (instructorDataDir != null && Files.isDirectory(instructorDataDir)) {
      dataDirs.add(instructorDataDir);
    }
    String stamp = timestamp == null ? null : SubmissionTimestamp.format(timestamp);
    return grade(
        module, student, stamp, secondsLate, gradebook, submissionDir, dataDirs, execute, review);
  }

  /**
   * As {@link #grade}, for a submission whose time someone else judges (a grading Job: the operator applies the
   * late penalty from the Submission's creation time): timestamp.txt is not read and no penalty is applied.
   *
   * @param submissionDir the submitted files; also the only data folder handed to the executor
   */
  public GradedSubmission gradeUntimed(
      String module, String student, ReleaseGradebook gradebook, Path submissionDir) {
    return grade(
        module,
        student,
        null,
        0,
        gradebook,
        submissionDir,
        List.of(submissionDir),
        true,
        Review.empty(module, student));
  }

  private GradedSubmission grade(
      String module,
      String student,
      String stamp,
      double secondsLate,
      ReleaseGradebook gradebook,
      Path submissionDir,
      List<Path> dataDirs,
      boolean execute,
      Review review) {
    List<NotebookGrade> grades = new ArrayList<>();
    List<ApplyReviews.Dropped> dropped = new ArrayList<>();
    Map<String, Notebook> autograded = new LinkedHashMap<>();
    for (Map.Entry<String, NotebookRows> entry : gradebook.notebooks().entrySet()) {
      String name = entry.getKey();
      Path file = submissionDir.resolve(name + ".ipynb");
      Notebook submission = null;
      String unreadable = null;
      try {
        submission = Files.isRegularFile(file) ? NotebookReader.read(file) : null;
      } catch (NotebookFormatException e) {
        unreadable = e.getMessage();
      }
      NotebookGrade grade;
      if (unreadable != null) {
        grade = InvalidSubmission.grade(name, entry.getValue(), unreadable);
      } else {
        AutogradedNotebook result =
            autograder.grade(name, submission, entry.getValue(), dataDirs, execute);
        if (submission != null) {
          autograded.put(name, result.notebook());
        }
        grade = result.grade();
      }
      ApplyReviews.Applied applied =
          ApplyReviews.apply(
              student,
              grade,
              AnswerDigest.of(submission, entry.getValue()),
              review.of(name),
              score -> latePolicy.penalty(score, secondsLate));
      grades.add(applied.grade());
      dropped.addAll(applied.dropped());
    }
    review.grades().stream()
        .filter(g -> !gradebook.notebooks().containsKey(g.notebook()))
        .forEach(
            g ->
                dropped.add(
                    new ApplyReviews.Dropped(
                        student, g, "the release has no notebook " + g.notebook())));
    return new GradedSubmission(
        GradingResult.of(module, student, stamp, secondsLate, grades), autograded, dropped);
  }

  private static LocalDateTime readTimestamp(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String text;
    try {
      text = Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (text.isEmpty()) {
      return null;
    }
    try {
      return SubmissionTimestamp.parseUtc(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  private static double secondsLate(LocalDateTime timestamp, String duedate) {
    if (timestamp == null || duedate == null || duedate.isBlank()) {
      return 0;
    }
    Duration late = Duration.between(SubmissionTimestamp.parseUtc(duedate), timestamp);
    return late.isNegative() ? 0 : late.toNanos() / 1e9;
  }
}
