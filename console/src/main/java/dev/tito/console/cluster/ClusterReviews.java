package dev.tito.console.cluster;

import dev.tito.api.assignment.Assignment;
import dev.tito.api.review.Review;
import dev.tito.api.review.ReviewGrade;
import dev.tito.api.review.ReviewSpec;
import dev.tito.api.submission.Submission;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.review.ApplyReviews;
import dev.tito.notebook.review.GradeRequest;
import dev.tito.notebook.review.ManualGrade;
import dev.tito.notebook.review.ManualGrading;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Manual grading of an Assignment in a cluster: each student's latest Graded Submission (whose status the operator
 * keeps with the person's grades counted), and the student's Review, which a person writes and the operator reads.
 * Two people grading one student at once: each write carries the resourceVersion it read, and a write refused as a
 * conflict is made again on the newer Review, so the later grade of a cell wins and says whose it replaced; a caller that
 * asked to save only over the grade it saw ({@link Seen}) gets a {@link Conflict} instead, checked on each attempt.
 */
public final class ClusterReviews implements ManualGrading {
  private static final int ATTEMPTS = 5;
  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;

  public ClusterReviews(KubernetesClient client, String namespace, Clock clock) {
    if (namespace == null) {
      throw new IllegalArgumentException(
          "no namespace: pass --namespace or set one in the kubeconfig's context");
    }
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
  }

  @Override
  public List<Cell> cells(String assignmentName, boolean withAnswers) {
    Assignment assignment = ClusterGrades.assignment(client, namespace, assignmentName);
    Map<String, Review> reviews =
        client.resources(Review.class).inNamespace(namespace).list().getItems().stream()
            .filter(r -> r.getSpec() != null && assignmentName.equals(r.getSpec().assignment))
            .collect(Collectors.toMap(r -> r.getSpec().student, r -> r, (a, b) -> a));
    List<Cell> cells = new ArrayList<>();
    for (Submission submission : latestGraded(assignment)) {
      Map<String, Notebook> submitted = withAnswers ? submitted(files(submission)) : Map.of();
      cells.addAll(
          cells(submission, assignment, reviews.get(submission.getSpec().student), submitted));
    }
    return cells;
  }

  /**
   * The graded cells of one Graded Submission as its status counts them, with the person's grade on record in the
   * student's {@code review} (or null) and the answers of {@code submitted} (the notebooks handed in, by name).
   */
  public static List<Cell> cells(
      Submission submission,
      Assignment assignment,
      Review review,
      Map<String, Notebook> submitted) {
    String student = submission.getSpec().student;
    GradingResult result = SubmissionGrade.of(submission, assignment);
    Map<String, String> dropped = new HashMap<>();
    submission.getStatus().results.stream()
        .filter(r -> r.gradeDropped != null)
        .forEach(r -> dropped.put(r.notebook + "/" + r.gradeId, r.gradeDropped));
    List<Cell> cells = new ArrayList<>();
    for (NotebookGrade notebook : result.notebooks()) {
      Map<String, String> answers = sources(submitted.get(notebook.name()));
      for (TestResult test : notebook.tests()) {
        cells.add(
            new Cell(
                student,
                notebook.name(),
                test,
                grade(review, notebook.name(), test.gradeId()),
                dropped.get(notebook.name() + "/" + test.gradeId()),
                test.kind() == TestKind.MANUAL_ANSWER ? answers.get(test.gradeId()) : null));
      }
    }
    return cells;
  }

  @Override
  public Saved set(String assignmentName, GradeRequest request, String gradedBy, Seen seen) {
    Assignment assignment = ClusterGrades.assignment(client, namespace, assignmentName);
    Submission submission =
        latestGraded(assignment).stream()
            .filter(s -> s.getSpec().student.equals(request.student()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no Graded Submission of Assignment "
                            + assignmentName
                            + " by student '"
                            + request.student()
                            + "' in namespace "
                            + namespace
                            + " (graded: "
                            + String.join(
                                ", ",
                                latestGraded(assignment).stream()
                                    .map(s -> s.getSpec().student)
                                    .toList())
                            + ")"));
    GradingResult result = SubmissionGrade.of(submission, assignment);
    GradeRequest.Target target = request.target(result);
    ManualGrade grade =
        request.grade(target, submission.getMetadata().getName(), gradedBy, clock.instant());
    ManualGrade previous = write(assignment, request.student(), grade, seen);
    // what the operator will show once it counts the grade: this Submission's own answer is the one
    // graded
    List<NotebookGrade> notebooks =
        result.notebooks().stream()
            .map(
                nb ->
                    nb.name().equals(grade.notebook())
                        ? ApplyReviews.apply(
                                request.student(),
                                nb,
                                Map.of(grade.gradeId(), grade.answer()),
                                Map.of(grade.gradeId(), grade),
                                score -> Math.min(nb.latePenalty(), score))
                            .grade()
                        : nb)
            .toList();
    GradingResult now =
        GradingResult.of(
            result.module(), result.student(), result.timestamp(), result.secondsLate(), notebooks);
    return new Saved(grade, previous, now.score(), now.maxScore(), now.needsManualGrade());
  }

  /** Puts the grade into the student's Review (created owned by the Assignment); returns the one it replaced. */
  private ManualGrade write(Assignment assignment, String student, ManualGrade grade, Seen seen) {
    String name = Review.name(assignment.getMetadata().getName(), student);
    for (int attempt = 1; ; attempt++) {
      Review current = client.resources(Review.class).inNamespace(namespace).withName(name).get();
      Review next = current == null ? newReview(assignment, student) : current;
      ManualGrade previous = grade(current, grade.notebook(), grade.gradeId());
      if (!seen.still(previous)) {
        throw new Conflict(previous);
      }
      next.getSpec()
          .grades
          .removeIf(g -> g.notebook.equals(grade.notebook()) && g.gradeId.equals(grade.gradeId()));
      next.getSpec().grades.add(reviewGrade(grade));
      try {
        if (current == null) {
          client.resource(next).create();
        } else {
          client.resource(next).update();
        }
        return previous;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == ATTEMPTS) {
          throw e;
        }
        // someone else wrote the Review since it was read: read it again and put this grade into
        // theirs
      }
    }
  }

  private Review newReview(Assignment assignment, String student) {
    Review review = new Review();
    review.getMetadata().setName(Review.name(assignment.getMetadata().getName(), student));
    review.getMetadata().setNamespace(namespace);
    review
        .getMetadata()
        .setLabels(
            Map.of(
                "tito.dev/assignment",
                assignment.getMetadata().getName(),
                "tito.dev/student",
                student));
    review
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion(assignment.getApiVersion())
                    .withKind(assignment.getKind())
                    .withName(assignment.getMetadata().getName())
                    .withUid(assignment.getMetadata().getUid())
                    .withBlockOwnerDeletion(false)
                    .build()));
    review.setSpec(new ReviewSpec());
    review.getSpec().assignment = assignment.getMetadata().getName();
    review.getSpec().student = student;
    return review;
  }

  private List<Submission> latestGraded(Assignment assignment) {
    List<Submission> all =
        client.resources(Submission.class).inNamespace(namespace).list().getItems();
    return ClusterGrades.latestGraded(
        all, assignment.getMetadata().getName(), assignment.getSpec().classroom);
  }

  /** The ConfigMap of the files a Submission handed in, or null when it is gone. */
  private ConfigMap files(Submission submission) {
    return client
        .configMaps()
        .inNamespace(namespace)
        .withName(submission.getSpec().notebookConfigMap)
        .get();
  }

  /** The readable notebooks of a Submission's files, by name (without {@code .ipynb}). */
  public static Map<String, Notebook> submitted(ConfigMap files) {
    Map<String, Notebook> notebooks = new HashMap<>();
    if (files != null && files.getData() != null) {
      files
          .getData()
          .forEach(
              (file, text) -> {
                if (file.endsWith(".ipynb")) {
                  try {
                    notebooks.put(
                        file.substring(0, file.length() - ".ipynb".length()),
                        NotebookReader.parse(text.getBytes(StandardCharsets.UTF_8), file));
                  } catch (NotebookFormatException e) {
                    // graded as an invalid notebook: no answer to show
                  }
                }
              });
    }
    return notebooks;
  }

  /** The source of each graded cell of a notebook by grade_id (the last cell of an id, as autograde keeps). */
  private static Map<String, String> sources(Notebook notebook) {
    Map<String, String> sources = new HashMap<>();
    if (notebook != null) {
      notebook
          .cells()
          .forEach(
              cell -> {
                String id = GradingFlags.gradeId(cell);
                if (id != null) {
                  sources.put(id, cell.source());
                }
              });
    }
    return sources;
  }

  /** The grade on record in a student's Review for one cell, or null. */
  public static ManualGrade grade(Review review, String notebook, String gradeId) {
    if (review == null || review.getSpec() == null) {
      return null;
    }
    return review.getSpec().grades.stream()
        .filter(g -> g.notebook.equals(notebook) && g.gradeId.equals(gradeId))
        .findFirst()
        .map(
            g ->
                new ManualGrade(
                    g.notebook,
                    g.gradeId,
                    g.score,
                    g.extraCredit,
                    g.comment,
                    g.maxScore,
                    g.submission,
                    g.gradedBy,
                    g.gradedAt))
        .orElse(null);
  }

  private static ReviewGrade reviewGrade(ManualGrade grade) {
    ReviewGrade row = new ReviewGrade();
    row.notebook = grade.notebook();
    row.gradeId = grade.gradeId();
    row.score = grade.score();
    row.extraCredit = grade.extraCredit();
    row.comment = grade.comment();
    row.maxScore = grade.maxScore();
    row.submission = grade.answer();
    row.gradedBy = grade.gradedBy();
    row.gradedAt = grade.gradedAt();
    return row;
  }
}
