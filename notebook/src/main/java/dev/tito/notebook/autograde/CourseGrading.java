package dev.tito.notebook.autograde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.course.Course;
import dev.tito.notebook.course.CourseException;
import dev.tito.notebook.course.CourseModule;
import dev.tito.notebook.execute.DataFiles;
import dev.tito.notebook.feedback.FeedbackPage;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.AtomicFiles;
import dev.tito.notebook.ipynb.FolderSwap;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.review.ApplyReviews;
import dev.tito.notebook.review.Review;
import dev.tito.notebook.review.ReviewJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Autograde of a module over nbgrader's course layout (instructor files from the module's source folder): reads {@code submitted/<student>/<module>/},
 * writes {@code autograded/<student>/<module>/} and {@code feedback/<student>/<module>/} (each built
 * aside and swapped in whole), and {@code .tito/grades/<module>/<student>.json}.
 */
public final class CourseGrading {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path course;
  private final String module;
  private final ReleaseGradebook gradebook;
  private final CourseModule.Layout layout;
  private Path gradingData;

  /** @throws IllegalArgumentException naming the file when the module was never released */
  public CourseGrading(Path course, String module) {
    this(course, module, null);
  }

  /**
   * @param layout the folder of the course that holds its sources (the module's data files), or null for any
   * @throws IllegalArgumentException naming the file when the module was never released
   */
  public CourseGrading(Path course, String module, CourseModule.Layout layout) {
    this.course = course;
    this.module = module;
    this.layout = layout;
    this.gradebook = readGradebook(course.resolve(".tito").resolve(module + ".json"), module);
  }

  /**
   * Whether the module's sources can be told apart, so that grading finds its data files.
   *
   * @throws IllegalArgumentException naming the course's folders when the module is in two of them
   */
  public void checkSources() {
    if (Files.isDirectory(course)) {
      try {
        Course.open(course, layout);
      } catch (CourseException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  public String module() {
    return module;
  }

  /** The notebooks of the module's release: at most this many run for each student. */
  public int notebooks() {
    return gradebook.notebooks().size();
  }

  public ReleaseGradebook gradebook() {
    return gradebook;
  }

  public static ReleaseGradebook readGradebook(Path file, String module) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          file
              + ": no release of module '"
              + module
              + "' (run 'tito module release "
              + module
              + "' first)");
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      JsonNode rows = root == null ? null : root.get(module);
      if (rows == null || !rows.isObject()) {
        throw new IllegalArgumentException(
            file + ": no gradebook rows for module '" + module + "'");
      }
      return JSON.treeToValue(rows, ReleaseGradebook.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + ": not a tito release gradebook: " + e.getMessage());
    }
  }

  /** Students with a submission folder for this module, sorted. */
  public List<String> students() {
    Path submitted = course.resolve("submitted");
    if (!Files.isDirectory(submitted)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(submitted)) {
      return dirs.filter(d -> Files.isDirectory(d.resolve(module)))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(submitted + ": cannot list: " + e.getMessage(), e);
    }
  }

  /** Students with a graded result of this module, sorted. */
  public List<String> graded() {
    Path folder = resultFile("-").getParent();
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".json") && !n.startsWith("."))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(folder + ": cannot list: " + e.getMessage(), e);
    }
  }

  /** A student's graded result, or null when they have none. */
  public GradingResult result(String student) {
    Path file = resultFile(student);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      if (Files.size(file) > GradingResultJson.MAX_BYTES) {
        throw new IllegalArgumentException(
            file + ": larger than " + GradingResultJson.MAX_BYTES + " bytes");
      }
      return GradingResultJson.read(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  public Path submissionDir(String student) {
    return course.resolve("submitted").resolve(student).resolve(module);
  }

  public Path resultFile(String student) {
    return course.resolve(".tito").resolve("grades").resolve(module).resolve(student + ".json");
  }

  /** {@code .tito/reviews/<module>/<student>.json}: the person's grades of the student's submission. */
  public Path reviewFile(String student) {
    return course.resolve(".tito").resolve("reviews").resolve(module).resolve(student + ".json");
  }

  /** The person's grades of a student's submission so far (none when the file does not exist). */
  public Review review(String student) {
    Path file = reviewFile(student);
    if (!Files.isRegularFile(file)) {
      return Review.empty(module, student);
    }
    try {
      return ReviewJson.read(Files.readAllBytes(file), file.toString(), module, student);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** A student's graded result, and the person's grades that no longer count after this grading. */
  public record Outcome(GradingResult result, List<ApplyReviews.Dropped> dropped) {}

  /** Grades one student, keeping the person's grades whose answers are unchanged, and writes every output. */
  public Outcome grade(String student, SubmissionGrader grader, boolean execute) {
    Path submission = submissionDir(student);
    if (!Files.isDirectory(submission)) {
      throw new IllegalArgumentException(
          submission + ": no submission for student '" + student + "'");
    }
    Review review = review(student);
    Path instructorData = instructorDataDir();
    GradedSubmission graded =
        grader.grade(module, student, gradebook, submission, instructorData, execute, review);
    writeAutograded(student, graded.autograded(), submission, instructorData);
    writeFeedback(student, graded);
    AtomicFiles.write(resultFile(student), GradingResultJson.toBytes(graded.result()));
    return new Outcome(graded.result(), graded.dropped());
  }

  /**
   * Writes a student's feedback pages again for {@code result} (after a person graded), from the autograded
   * notebooks on disk, and then the result itself.
   */
  public void regraded(String student, GradingResult result) {
    Map<String, Notebook> autograded = new java.util.LinkedHashMap<>();
    for (NotebookGrade notebook : result.notebooks()) {
      Path file =
          course
              .resolve("autograded")
              .resolve(student)
              .resolve(module)
              .resolve(notebook.name() + ".ipynb");
      if (notebook.submitted() && Files.isRegularFile(file)) {
        autograded.put(notebook.name(), NotebookReader.read(file));
      }
    }
    writeFeedback(student, new GradedSubmission(result, autograded));
    AtomicFiles.write(resultFile(student), GradingResultJson.toBytes(result));
  }

  /**
   * The module's data files from its source folder (nbgrader's source/<module>/ or TinyTorch's
   * src/NN_name/), without its notebooks — jupytext {@code .py} sources included, which hold the
   * solutions — kept in {@code .tito/grading-data/<module>/}; null when the source folder is gone.
   */
  private synchronized Path instructorDataDir() {
    if (gradingData == null) {
      CourseModule source = sourceModule();
      if (source == null) {
        return null;
      }
      Path target = course.resolve(".tito").resolve("grading-data").resolve(module);
      replaceFolder(
          target,
          staging ->
              DataFiles.copy(
                  source.sourceDir(),
                  staging,
                  file -> file.getParent().equals(source.sourceDir()) && source.isNotebook(file)));
      gradingData = target;
    }
    return gradingData;
  }

  private CourseModule sourceModule() {
    try {
      return Course.open(course, layout).module(module).orElse(null);
    } catch (CourseException e) {
      return null;
    }
  }

  private void writeAutograded(
      String student, Map<String, Notebook> notebooks, Path submission, Path instructorData) {
    Path target = course.resolve("autograded").resolve(student).resolve(module);
    replaceFolder(
        target,
        staging -> {
          DataFiles.copy(submission, staging);
          if (instructorData != null && Files.isDirectory(instructorData)) {
            DataFiles.copy(instructorData, staging);
          }
          notebooks.forEach(
              (name, nb) -> write(staging.resolve(name + ".ipynb"), NotebookWriter.toBytes(nb)));
        });
  }

  private void writeFeedback(String student, GradedSubmission graded) {
    Path target = course.resolve("feedback").resolve(student).resolve(module);
    replaceFolder(
        target,
        staging ->
            graded.result().notebooks().stream()
                .filter(NotebookGrade::submitted)
                .forEach(
                    grade ->
                        write(
                            staging.resolve(grade.name() + ".html"),
                            FeedbackPage.render(graded.autograded().get(grade.name()), grade)
                                .getBytes(StandardCharsets.UTF_8))));
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** Builds the new folder beside the old one and swaps it in, so no reader sees half a result. */
  private static void replaceFolder(Path target, FolderSwap.Content fill) {
    try {
      FolderSwap.replace(target, fill).commit();
    } catch (IOException e) {
      throw new UncheckedIOException(target + ": cannot write: " + e.getMessage(), e);
    }
  }
}
