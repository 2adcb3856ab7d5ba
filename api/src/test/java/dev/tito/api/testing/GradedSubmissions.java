package dev.tito.api.testing;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.assignment.AssignmentSpec;
import dev.tito.api.submission.Submission;
import dev.tito.api.submission.SubmissionPhase;
import dev.tito.api.submission.SubmissionSpec;
import dev.tito.api.submission.SubmissionStatus;
import dev.tito.api.submission.TestResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;

/**
 * A class's objects as tests build them: an Assignment of Classroom {@code ml}, and ada's Submission, graded, whose
 * written answer {@code explain} (3 points, in notebook {@code 01_tensor}) waits for a person beside a passed test.
 */
public final class GradedSubmissions {
  public static final String ANSWER = "The inner sizes must agree.";

  private GradedSubmissions() {}

  public static Assignment assignment(String namespace, String name) {
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName(name);
    assignment.getMetadata().setNamespace(namespace);
    assignment.setSpec(new AssignmentSpec());
    assignment.getSpec().classroom = "ml";
    assignment.getSpec().sourceSecret = name + "-source";
    return assignment;
  }

  /** The files ada handed in: her written answer in a markdown cell. */
  public static ConfigMap adasFiles(String namespace, String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .addToData(
            "01_tensor.ipynb",
            """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"id": "a", "cell_type": "markdown",
             "metadata": {"nbgrader": {"grade": true, "solution": true, "locked": false, "grade_id": "explain",
             "points": 3, "schema_version": 3}}, "source": "%s"}]}"""
                .formatted(ANSWER))
        .build();
  }

  /** ada's Submission of the assignment, its files in ConfigMap {@code name}; create it, then set its status. */
  public static Submission adasSubmission(String namespace, String assignment, String name) {
    Submission submission = new Submission();
    submission.getMetadata().setName(name);
    submission.getMetadata().setNamespace(namespace);
    submission.getMetadata().setLabels(Map.of("tito.dev/classroom", "ml"));
    submission.setSpec(new SubmissionSpec());
    submission.getSpec().assignment = assignment;
    submission.getSpec().student = "ada";
    submission.getSpec().notebookConfigMap = name;
    return submission;
  }

  /** Graded 2.0 / 5.0: test_add passed, the written answer explain waits for a person. */
  public static SubmissionStatus waitingForAPerson() {
    SubmissionStatus status = new SubmissionStatus();
    status.phase = SubmissionPhase.Graded;
    status.score = 2.0;
    status.maxScore = 5.0;
    status.latePenalty = 0.0;
    status.needsManualGrade = true;
    status.results =
        List.of(
            test("test_add", "autograded_test", "code", 2.0, 2.0, "passed"),
            test("explain", "manual_answer", "markdown", null, 3.0, "manual"));
    return status;
  }

  private static TestResult test(
      String gradeId, String kind, String cellType, Double auto, double max, String status) {
    TestResult test = new TestResult();
    test.notebook = "01_tensor";
    test.gradeId = gradeId;
    test.kind = kind;
    test.cellType = cellType;
    test.autoScore = auto;
    test.score = auto == null ? 0.0 : auto;
    test.maxScore = max;
    test.status = status;
    return test;
  }
}
