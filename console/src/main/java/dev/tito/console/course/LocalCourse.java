package dev.tito.console.course;

import dev.tito.console.live.LiveClass;
import dev.tito.notebook.autograde.CourseGrading;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.LatePolicy;
import dev.tito.notebook.autograde.NotebookAutograder;
import dev.tito.notebook.autograde.SubmissionGrader;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.LocalJupyter;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import dev.tito.notebook.export.ModuleGrades;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.review.CourseReviews;
import dev.tito.notebook.review.ManualGrading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A course folder on this machine: the results {@code tito module grade} wrote under {@code .tito/grades/}, the
 * autograded notebooks (hidden tests in place) and feedback pages, and a person's grades in {@code .tito/reviews/}
 * through {@link CourseReviews}. A regrade runs the autograder in the background, one at a time, as
 * {@code tito module grade} does.
 */
public final class LocalCourse implements CourseSource {
  private final Path course;
  private final Clock clock;
  private final List<java.util.function.Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
  private final Activity activity;
  private final Map<Path, Parsed> parsedResults = new java.util.concurrent.ConcurrentHashMap<>();
  private final ExecutorService regrades =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "console-regrade");
            thread.setDaemon(true);
            return thread;
          });

  public LocalCourse(Path course, Clock clock) {
    if (!Files.isDirectory(course)) {
      throw new IllegalArgumentException(course + ": no such course folder");
    }
    this.course = course;
    this.clock = clock;
    this.activity = new Activity(clock);
    // the first gradebook of a large course parses every result file: begin while the person opens
    // the page
    regrades.submit(
        () -> {
          try {
            grades();
          } catch (RuntimeException e) {
            // the page itself will say what is wrong
          }
        });
  }

  @Override
  public String describe() {
    return "course " + course.toAbsolutePath().normalize();
  }

  @Override
  public boolean cluster() {
    return false;
  }

  @Override
  public List<ModuleGrades> grades() {
    List<ModuleGrades> grades = new ArrayList<>();
    for (String module : modules()) {
      CourseGrading grading = new CourseGrading(course, module);
      List<GradingResult> results =
          grading.graded().stream().map(student -> result(grading, student)).toList();
      grades.add(
          new ModuleGrades(module, grading.gradebook().duedate(), results, grading.students()));
    }
    return grades;
  }

  /**
   * A student's result, parsed again only when its file changed (results are written by rename, so a new file is a
   * new file key): a page of 20,000 results reads their attributes, not their JSON.
   */
  private GradingResult result(CourseGrading grading, String student) {
    Path file = grading.resultFile(student);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return grading.result(student);
    }
    Parsed parsed = parsedResults.get(file);
    if (parsed != null && parsed.same(attributes)) {
      return parsed.result();
    }
    GradingResult result = grading.result(student);
    parsedResults.put(
        file,
        new Parsed(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), result));
    return result;
  }

  private record Parsed(Object key, FileTime modified, long size, GradingResult result) {
    boolean same(BasicFileAttributes attributes) {
      return java.util.Objects.equals(key, attributes.fileKey())
          && modified.equals(attributes.lastModifiedTime())
          && size == attributes.size();
    }
  }

  /** Released modules (a gradebook in {@code .tito/}) and graded ones, sorted. */
  private List<String> modules() {
    TreeSet<String> modules = new TreeSet<>();
    Path tito = course.resolve(".tito");
    list(tito).stream()
        .filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
        .map(p -> p.getFileName().toString().replaceAll("\\.json$", ""))
        .forEach(modules::add);
    list(tito.resolve("grades")).stream()
        .filter(Files::isDirectory)
        .map(p -> p.getFileName().toString())
        .filter(m -> Files.isRegularFile(tito.resolve(m + ".json")))
        .forEach(modules::add);
    return List.copyOf(modules);
  }

  @Override
  public Map<String, Map<String, String>> failures() {
    return Map.of();
  }

  @Override
  public ManualGrading grading() {
    return new CourseReviews(course, clock);
  }

  @Override
  public Notebooks notebooks(String module, String student) {
    Path folder = course.resolve("autograded").resolve(student).resolve(module);
    Map<String, Notebook> notebooks = new LinkedHashMap<>();
    for (Path file : list(folder)) {
      String name = file.getFileName().toString();
      if (name.endsWith(".ipynb")) {
        try {
          notebooks.put(
              name.substring(0, name.length() - ".ipynb".length()), NotebookReader.read(file));
        } catch (NotebookFormatException e) {
          // shown as its results alone
        }
      }
    }
    return new Notebooks(notebooks, null);
  }

  @Override
  public Optional<String> feedback(String module, String student, String notebook) {
    Path page =
        course.resolve("feedback").resolve(student).resolve(module).resolve(notebook + ".html");
    try {
      return Files.isRegularFile(page)
          ? Optional.of(Files.readString(page, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(page + ": cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public String regrade(String module, String student) {
    CourseGrading grading = new CourseGrading(course, module);
    List<String> students = student == null ? grading.students() : List.of(student);
    if (students.isEmpty() || student != null && !grading.students().contains(student)) {
      throw new IllegalArgumentException(
          course.resolve("submitted")
              + ": no submission of module '"
              + module
              + "'"
              + (student == null ? "" : " by student '" + student + "'"));
    }
    LocalJupyter.require(LocalJupyter.python(System.getenv()));
    SubmissionGrader grader =
        new SubmissionGrader(
            new NotebookAutograder(new LocalJupyterExecutor(), ExecutionLimits.defaults()),
            LatePolicy.NONE);
    String what =
        module + (student == null ? " (" + students.size() + " students)" : " of " + student);
    activity.note("regrading " + what);
    regrades.submit(
        () -> {
          for (String id : students) {
            try {
              grading.grade(id, grader, true).dropped().forEach(d -> activity.note(d.line()));
            } catch (RuntimeException e) {
              activity.note(id + ": " + e.getMessage());
            }
          }
          activity.note("regraded " + what);
          listeners.forEach(listener -> listener.accept(Change.GRADES));
        });
    return "regrading " + what + ": the gradebook follows when it is done";
  }

  @Override
  public boolean regradesOneStudent() {
    return true;
  }

  @Override
  public String start(String classroom, String student) {
    throw new IllegalArgumentException("starting a server needs a cluster: tito console --cluster");
  }

  @Override
  public Optional<LiveClass> live() {
    return Optional.empty();
  }

  @Override
  public List<String> activity() {
    return activity.lines();
  }

  @Override
  public void onChange(java.util.function.Consumer<Change> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    regrades.shutdownNow();
  }

  private static List<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(folder + ": cannot list: " + e.getMessage(), e);
    }
  }
}
