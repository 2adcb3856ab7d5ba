package dev.tito.operator.grading;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.classroom.Classroom;
import dev.tito.api.review.Review;
import java.util.Map;

/**
 * Everything one grading decision is made from, gathered before it ({@link SubmissionObserver}): the informer caches'
 * objects, and what was read or asked only because the submission's state needs it (null when not read).
 *
 * @param assignment the Submission's Assignment, or null
 * @param classroom the Assignment's Classroom, or null
 * @param latest the student's latest Submission of the assignment: a regrade reaches only that one
 * @param review the student's Review of the assignment, or null
 * @param answers answer digests by Submission name, for the Review's grades given to another Submission; a Submission
 *     missing from it is gone
 * @param checks the checks before a Job, when a Job is due and they were run
 * @param slot the class queue's answer, when a slot was asked for
 * @param job the Job of the attempt at hand: followed, or found for the next attempt to adopt
 */
record SubmissionObservation(
    Assignment assignment,
    Classroom classroom,
    boolean latest,
    Review review,
    Map<String, Map<String, String>> answers,
    SubmissionChecks.Verdict checks,
    GradingQueue.Admission slot,
    ObservedJob job) {}
