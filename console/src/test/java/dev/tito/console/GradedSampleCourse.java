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
import dev.tito.notebook.testing.SampleCourse;
import java.nio.file.Path;

/**
 * The repository's sample course (samples/course), copied, released and 01_tensor graded from the saved outputs (as
 * {@code tito module grade --no-execute}): ada's written answer waits for a person.
 */
public final class GradedSampleCourse {
  private GradedSampleCourse() {}

  /** @param extraStudents students handed in ada's notebooks as their own (more answers waiting for a person) */
  public static Path in(Path dir, String... extraStudents) {
    Path course = SampleCourse.in(dir);
    for (String student : extraStudents) {
      SampleCourse.copyTree(
          course.resolve("submitted/ada/01_tensor"),
          course.resolve("submitted").resolve(student).resolve("01_tensor"));
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
    SubmissionGrader grader =
        new SubmissionGrader(
            new NotebookAutograder(new LocalJupyterExecutor(), ExecutionLimits.defaults()),
            LatePolicy.NONE);
    grading.students().forEach(student -> grading.grade(student, grader, false));
  }
}
