package dev.tito.operator.grading;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionWait;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.operator.classroom.ClassroomLabels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Instant;
import java.util.List;

/**
 * The checks before any grading Job (docs/grading-in-cluster.md), in their order: the first that fails decides. What
 * they need beyond the caches (the roster, the submitted files, the stored release) comes through {@link Reads}, each
 * asked only once the checks before it passed.
 */
final class SubmissionChecks {
  /** What the checks read besides the Submission, its Assignment and its Classroom. */
  interface Reads {
    /** Whether the student is on the class's roster; null when the roster cannot be read. */
    Boolean onRoster(Classroom classroom, String student);

    /** The ConfigMap of the submitted files, or null when there is none. */
    ConfigMap files(String namespace, String name);

    /** The gradebook rows stored at the release, or null when not stored (yet). */
    ReleaseGradebook gradebook(String namespace, String assignment, String revision);

    /** The release's ConfigMaps in order, or null when not stored (yet). */
    List<String> releaseConfigMaps(String namespace, String assignment, String revision);
  }

  /** What a Job of the submission is made of, once every check passed. */
  record Ready(String revision, List<String> releaseConfigMaps, List<String> notebooks) {}

  /**
   * The checks' answer.
   *
   * @param waitingFor what it waits for (WAITING only)
   * @param failureClass why it is refused (REFUSED only)
   * @param message one line for the student (WAITING and REFUSED)
   * @param files the submitted files when the checks got as far as reading them, else null
   * @param ready what the Job is made of (READY only)
   */
  record Verdict(
      Kind kind,
      SubmissionWait waitingFor,
      String failureClass,
      String message,
      ConfigMap files,
      Ready ready) {
    enum Kind {
      READY,
      WAITING,
      REFUSED
    }

    static Verdict waiting(SubmissionWait waitingFor, String message, ConfigMap files) {
      return new Verdict(Kind.WAITING, waitingFor, null, message, files, null);
    }

    static Verdict refused(String failureClass, String message, ConfigMap files) {
      return new Verdict(Kind.REFUSED, null, failureClass, message, files, null);
    }

    static Verdict ready(ConfigMap files, Ready ready) {
      return new Verdict(Kind.READY, null, null, null, files, ready);
    }

    /** The same verdict on the files as they are now (owned by the Submission, say). */
    Verdict withFiles(ConfigMap now) {
      return new Verdict(kind, waitingFor, failureClass, message, now, ready);
    }
  }

  private SubmissionChecks() {}

  static Verdict check(
      Submission submission, Assignment assignment, Classroom classroom, Reads reads) {
    String namespace = submission.getMetadata().getNamespace();
    String asg = submission.getSpec().assignment;
    if (assignment == null) {
      return Verdict.waiting(
          SubmissionWait.AssignmentSetup,
          "no Assignment '" + asg + "' in namespace " + namespace + " (spec.assignment)",
          null);
    }
    String revision =
        assignment.getStatus() == null ? null : assignment.getStatus().releasedRevision;
    if (revision == null) {
      return Verdict.waiting(
          SubmissionWait.Release, "Assignment " + asg + " is not released yet", null);
    }
    if (classroom == null) {
      return Verdict.waiting(
          SubmissionWait.AssignmentSetup,
          "no Classroom '"
              + assignment.getSpec().classroom
              + "' in namespace "
              + namespace
              + " (Assignment "
              + asg
              + " spec.classroom)",
          null);
    }
    String labelled = GradingView.label(submission, ClassroomLabels.CLASSROOM);
    String room = classroom.getMetadata().getName();
    if (labelled != null && !labelled.equals(room)) {
      // the admission policy trusts this label to name the student's class: work labelled for one
      // class is no other's
      return Verdict.refused(
          "InvalidSubmission",
          "labelled tito.dev/classroom="
              + labelled
              + " but Assignment "
              + asg
              + " belongs to Classroom "
              + room
              + " (metadata.labels)",
          null);
    }
    String student = submission.getSpec().student;
    Boolean onRoster = reads.onRoster(classroom, student);
    if (onRoster == null) {
      return Verdict.waiting(
          SubmissionWait.Roster, "the roster of Classroom " + room + " cannot be read", null);
    }
    if (!onRoster) {
      return Verdict.refused(
          "InvalidSubmission",
          "student '" + student + "' is not on the roster of Classroom " + room + " (spec.student)",
          null);
    }
    String name = submission.getSpec().notebookConfigMap;
    ConfigMap files = reads.files(namespace, name);
    if (files == null) {
      return Verdict.refused(
          "InvalidSubmission",
          "no ConfigMap '" + name + "' in namespace " + namespace + " (spec.notebookConfigMap)",
          null);
    }
    return checkFiles(submission, assignment, classroom, revision, files, reads);
  }

  /** The files themselves, the deadline, and the stored release they are graded against. */
  private static Verdict checkFiles(
      Submission submission,
      Assignment assignment,
      Classroom classroom,
      String revision,
      ConfigMap files,
      Reads reads) {
    SubmittedFiles submitted = SubmittedFiles.of(files);
    Lateness lateness;
    SubmittedFiles.Refusal refusal;
    try {
      refusal =
          submitted.refusal(
              submission.getSpec().notebookConfigMap,
              GradingJob.settings(classroom).maxSubmissionSize);
      lateness =
          Lateness.of(assignment, Instant.parse(submission.getMetadata().getCreationTimestamp()));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Verdict.waiting(
          SubmissionWait.AssignmentSetup, "cannot grade yet: " + e.getMessage(), files);
    }
    if (refusal != null) {
      return Verdict.refused(refusal.failureClass(), refusal.message(), files);
    }
    if (lateness.refusal() != null) {
      return Verdict.refused("Late", lateness.refusal(), files);
    }
    String namespace = submission.getMetadata().getNamespace();
    String asg = assignment.getMetadata().getName();
    ReleaseGradebook gradebook = reads.gradebook(namespace, asg, revision);
    if (gradebook == null) {
      return Verdict.waiting(
          SubmissionWait.Release,
          "the gradebook of Assignment " + asg + " revision " + revision + " is not stored yet",
          files);
    }
    List<String> notebooks =
        gradebook.notebooks().keySet().stream()
            .map(nb -> nb + ".ipynb")
            .filter(submitted.files()::containsKey)
            .toList();
    List<String> release = reads.releaseConfigMaps(namespace, asg, revision);
    if (release == null) {
      return Verdict.waiting(
          SubmissionWait.Release,
          "the release of Assignment " + asg + " revision " + revision + " is not stored yet",
          files);
    }
    return Verdict.ready(files, new Ready(revision, release, notebooks));
  }
}
