package dev.tito.console;

import dev.tito.notebook.autograde.CourseGrading;
import dev.tito.notebook.autograde.LatePolicy;
import dev.tito.notebook.autograde.NotebookAutograder;
import dev.tito.notebook.autograde.SubmissionGrader;
import dev.tito.notebook.course.Course;
import dev.tito.notebook.course.CourseModule;
import dev.tito.notebook.course.GatedModuleRelease;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import dev.tito.notebook.gates.QualityGates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The repository's sample course (samples/course), copied, released and 01_tensor graded from the saved outputs (as
 * {@code tito module grade --no-execute}): ada's written answer waits for a person.
 */
public final class GradedSampleCourse {
  private GradedSampleCourse() {}

  /** @param extraStudents students handed in ada's notebooks as their own (more answers waiting for a person) */
  public static Path in(Path dir, String... extraStudents) {
    Path sample = Path.of(System.getProperty("user.dir")).resolveSibling("samples").resolve("course");
    Path course = dir.resolve("course");
    copy(sample, course);
    for (String student : extraStudents) {
      copy(course.resolve("submitted/ada/01_tensor"), course.resolve("submitted").resolve(student).resolve("01_tensor"));
    }
    GatedModuleRelease release = new GatedModuleRelease(new QualityGates());
    Course opened = Course.open(course);
    for (CourseModule module : opened.modules()) {
      release.release(opened, module);
    }
    grade(course, "01_tensor");
    return course;
  }

  /** Grades every submission of a module from the outputs saved in it (no kernel). */
  public static void grade(Path course, String module) {
    CourseGrading grading = new CourseGrading(course, module);
    SubmissionGrader grader = new SubmissionGrader(
        new NotebookAutograder(new LocalJupyterExecutor(), ExecutionLimits.defaults()), LatePolicy.NONE);
    grading.students().forEach(student -> grading.grade(student, grader, false));
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        String relative = from.relativize(path).toString();
        if (relative.startsWith("release") || relative.startsWith(".tito")) {
          continue;
        }
        Path target = to.resolve(relative);
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
