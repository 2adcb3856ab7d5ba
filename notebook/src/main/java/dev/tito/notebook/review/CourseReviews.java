package dev.tito.notebook.review;

import dev.tito.notebook.autograde.CourseGrading;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.AtomicFiles;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manual grading of a local course: the person's grades in {@code .tito/reviews/<module>/<student>.json}, beside the
 * results in {@code .tito/grades/}; a grade rewrites the student's result and feedback pages at once. Two people
 * grading at once are serialised by a lock file; the later grade of a cell wins and says whose it replaced, unless the
 * caller asked to save only over the grade it saw ({@link Seen}).
 */
public final class CourseReviews implements ManualGrading {
  private final Path course;
  private final Clock clock;

  public CourseReviews(Path course, Clock clock) {
    this.course = course;
    this.clock = clock;
  }

  @Override
  public List<Cell> cells(String module, boolean withAnswers) {
    CourseGrading grading = new CourseGrading(course, module);
    List<Cell> cells = new ArrayList<>();
    for (String student : grading.graded()) {
      cells.addAll(cells(grading, student, withAnswers));
    }
    return cells;
  }

  @Override
  public List<Cell> cells(String module, String student, boolean withAnswers) {
    CourseGrading grading = new CourseGrading(course, module);
    return grading.graded().contains(student) ? cells(grading, student, withAnswers) : List.of();
  }

  private static List<Cell> cells(CourseGrading grading, String student, boolean withAnswers) {
    List<Cell> cells = new ArrayList<>();
    GradingResult stored = grading.result(student);
    Review review = grading.review(student);
    Map<String, Notebook> submitted = submitted(grading, student, stored);
    Reviewed reviewed = reviewed(grading, stored, review, submitted);
    for (NotebookGrade notebook : reviewed.result().notebooks()) {
      for (TestResult test : notebook.tests()) {
        ManualGrade grade = review.grade(notebook.name(), test.gradeId());
        cells.add(
            new Cell(
                student,
                notebook.name(),
                test,
                grade,
                grade == null
                    ? null
                    : reviewed.dropped().get(notebook.name() + "/" + test.gradeId()),
                withAnswers ? answer(submitted.get(notebook.name()), test) : null));
      }
    }
    return cells;
  }

  @Override
  public Saved set(String module, GradeRequest request, String gradedBy, Seen seen) {
    CourseGrading grading = new CourseGrading(course, module);
    String student = request.student();
    // every check before the lock: a refused grade leaves the course as it was, lock file included
    GradingResult stored = grading.result(student);
    if (stored == null) {
      throw new IllegalArgumentException(
          grading.resultFile(student)
              + ": no graded submission of module '"
              + module
              + "' by student '"
              + student
              + "' (graded: "
              + String.join(", ", grading.graded())
              + ")");
    }
    GradeRequest.Target target = request.target(stored);
    Map<String, Notebook> submitted = submitted(grading, student, stored);
    String notebook = target.notebook().name();
    String answer =
        AnswerDigest.of(submitted.get(notebook), rows(grading, notebook)).get(request.gradeId());
    ManualGrade grade = request.grade(target, answer, gradedBy, clock.instant());
    synchronized (CourseReviews.class) {
      try (FileChannel lockFile =
              FileChannel.open(
                  lockFile(grading, student), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        Review review = grading.review(student);
        ManualGrade previous = review.grade(notebook, request.gradeId());
        if (!seen.still(previous)) {
          throw new Conflict(previous);
        }
        Review updated = review.with(grade);
        AtomicFiles.write(grading.reviewFile(student), ReviewJson.toBytes(updated));
        GradingResult result =
            reviewed(grading, grading.result(student), updated, submitted).result();
        grading.regraded(student, result);
        return new Saved(
            grade, previous, result.score(), result.maxScore(), result.needsManualGrade());
      } catch (IOException e) {
        throw new UncheckedIOException(
            grading.reviewFile(student) + ": cannot lock: " + e.getMessage(), e);
      }
    }
  }

  /** A stored result with a review applied again; each notebook keeps the late penalty autograde gave it. */
  private record Reviewed(GradingResult result, Map<String, String> dropped) {}

  private static Reviewed reviewed(
      CourseGrading grading, GradingResult stored, Review review, Map<String, Notebook> submitted) {
    List<NotebookGrade> notebooks = new ArrayList<>();
    Map<String, String> dropped = new HashMap<>();
    for (NotebookGrade notebook : stored.notebooks()) {
      NotebookRows rows = grading.gradebook().notebooks().get(notebook.name());
      Map<String, String> answers =
          rows == null ? Map.of() : AnswerDigest.of(submitted.get(notebook.name()), rows);
      // nbgrader keeps the penalty autograde computed; it cannot be more than the score
      ApplyReviews.Applied applied =
          ApplyReviews.apply(
              stored.student(),
              notebook,
              answers,
              review.of(notebook.name()),
              score -> Math.min(notebook.latePenalty(), score));
      notebooks.add(applied.grade());
      applied
          .dropped()
          .forEach(d -> dropped.put(d.grade().notebook() + "/" + d.grade().gradeId(), d.reason()));
    }
    return new Reviewed(
        GradingResult.of(
            stored.module(), stored.student(), stored.timestamp(), stored.secondsLate(), notebooks),
        dropped);
  }

  private static NotebookRows rows(CourseGrading grading, String notebook) {
    NotebookRows rows = grading.gradebook().notebooks().get(notebook);
    if (rows == null) {
      throw new IllegalArgumentException(
          "the release of "
              + grading.module()
              + " has no notebook '"
              + notebook
              + "' any more: grade the module again first");
    }
    return rows;
  }

  /** The student's submitted notebooks that are readable, by name. */
  private static Map<String, Notebook> submitted(
      CourseGrading grading, String student, GradingResult result) {
    Map<String, Notebook> notebooks = new LinkedHashMap<>();
    for (NotebookGrade notebook : result.notebooks()) {
      Path file = grading.submissionDir(student).resolve(notebook.name() + ".ipynb");
      if (Files.isRegularFile(file)) {
        try {
          notebooks.put(notebook.name(), NotebookReader.read(file));
        } catch (NotebookFormatException e) {
          // graded as an invalid notebook: no answer to show, and any grade of it no longer counts
        }
      }
    }
    return notebooks;
  }

  /** The student's own text of a manually graded answer (the last cell with its id, as autograde keeps). */
  private static String answer(Notebook submitted, TestResult test) {
    if (submitted == null || test.kind() != TestKind.MANUAL_ANSWER) {
      return null;
    }
    String text = null;
    for (dev.tito.notebook.ipynb.Cell cell : submitted.cells()) {
      if (test.gradeId().equals(GradingFlags.gradeId(cell))) {
        text = cell.source();
      }
    }
    return text;
  }

  private static Path lockFile(CourseGrading grading, String student) throws IOException {
    Path folder = grading.reviewFile(student).getParent();
    Files.createDirectories(folder);
    return folder.resolve(".lock");
  }
}
