package dev.tito.console.course;

import dev.tito.console.live.LiveClass;
import dev.tito.notebook.export.ModuleGrades;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.review.ManualGrading;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the console's course is: a local course folder, or a class in a cluster. Both grade through
 * {@link ManualGrading}, the code {@code tito grades set} runs, and export with the command line's exporters.
 */
public interface CourseSource extends AutoCloseable {
  /** What the console shows of where it is: a folder, or a namespace in a cluster. */
  String describe();

  boolean cluster();

  /** Every module's graded results and roster, in module order. */
  List<ModuleGrades> grades();

  /** Per module, per student: why their latest hand-in could not be graded. */
  Map<String, Map<String, String>> failures();

  /** How a person's grades are read and written. */
  ManualGrading grading();

  /**
   * What the submission page shows of a student's notebooks.
   *
   * @param notebooks by name
   * @param hiddenNote why hidden tests' source is not shown, or null when the notebooks hold it
   */
  record Notebooks(Map<String, Notebook> notebooks, String hiddenNote) {}

  Notebooks notebooks(String module, String student);

  /** A student's feedback page for one notebook of a module, as they see it, when the console can read it. */
  Optional<String> feedback(String module, String student, String notebook);

  /** Regrades a module, or one student's submission of it (student null: everyone); returns what was asked for. */
  String regrade(String module, String student);

  /** Whether one student's submission can be regraded alone (a cluster regrades whole Assignments). */
  boolean regradesOneStudent();

  /** Starts a stopped student server (a cluster only); returns what was asked for. */
  String start(String classroom, String student);

  /** The class live (a cluster only). */
  Optional<LiveClass> live();

  /** What the console did in the background (regrades, start requests), newest last. */
  List<String> activity();

  /** What changed: the class (servers, delivery, the queue), or the grades too. */
  enum Change {
    CLASS,
    GRADES
  }

  /** Tells {@code listener} what changed (from the one watch this source keeps, or a regrade that ended). */
  void onChange(java.util.function.Consumer<Change> listener);

  @Override
  void close();
}
