package dev.tito.console.bench;

import dev.tito.console.course.CourseSource;
import dev.tito.console.course.LocalCourse;
import dev.tito.console.live.LiveClass;
import dev.tito.console.web.Pages;
import dev.tito.console.web.WebRequest;
import dev.tito.console.web.WebResponse;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.GradingResultJson;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import dev.tito.notebook.export.ModuleGrades;
import dev.tito.notebook.ipynb.AtomicFiles;
import dev.tito.notebook.review.ManualGrading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gradebook page for 1,000 students × 20 modules (five graded cells each): the whole page as the console serves
 * it (the gradebook built from the results and rendered by the template), beside a floor measured in the same run
 * (the same 20,000 cells written with a bare StringBuilder); then the same page from a course folder on disk: the
 * first parses every result file, later ones only those that changed.
 *
 * <pre>mvn -B -pl console -am test -Pbench-console -Dtest=GradebookBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("benchmark")
class GradebookBenchmark {
  private static final int STUDENTS = Integer.getInteger("bench.students", 1000);
  private static final int MODULES = Integer.getInteger("bench.modules", 20);
  private static final int ROUNDS = 15;
  @TempDir Path dir;

  @Test
  void theGradebookOfAThousandStudentsAndTwentyModules() {
    List<ModuleGrades> grades = grades();
    Pages pages = new Pages(new InMemory(grades), Clock.systemUTC(), "bench");
    WebRequest gradebook = WebRequest.of("GET", "/", null, null);
    long[] page = time(() -> pages.handle(gradebook).body().length);
    long[] floor = time(() -> floor(grades).length());
    int bytes = pages.handle(gradebook).body().length;
    System.out.printf(
        "gradebook page, %d students x %d modules: median %d ms, slowest %d ms, %d KiB of HTML%n",
        STUDENTS, MODULES, page[0], page[1], bytes / 1024);
    System.out.printf(
        "floor (the same cells, a bare StringBuilder): median %d ms; page / floor = %.1f%n",
        floor[0], (double) page[0] / Math.max(1, floor[0]));
  }

  @Test
  void theSamePageFromACourseFolderOnDisk() {
    List<ModuleGrades> grades = grades();
    for (ModuleGrades module : grades) {
      AtomicFiles.write(
          dir.resolve(".tito").resolve(module.module() + ".json"),
          ("{\"" + module.module() + "\": {\"duedate\": null, \"notebooks\": {}}}")
              .getBytes(StandardCharsets.UTF_8));
      for (GradingResult result : module.results()) {
        AtomicFiles.write(
            dir.resolve(".tito/grades")
                .resolve(module.module())
                .resolve(result.student() + ".json"),
            GradingResultJson.toBytes(result));
      }
    }
    Pages pages = new Pages(new LocalCourse(dir, Clock.systemUTC()), Clock.systemUTC(), "bench");
    WebRequest gradebook = WebRequest.of("GET", "/", null, null);
    long start = System.nanoTime();
    pages.handle(gradebook);
    long first = (System.nanoTime() - start) / 1_000_000;
    long[] page =
        time(
            () -> {
              WebResponse response = pages.handle(gradebook);
              if (response.status() != 200) {
                throw new IllegalStateException(response.text());
              }
              return response.body().length;
            });
    System.out.printf(
        "gradebook page from %d result files on disk: the first (every file parsed) %d ms; then (files "
            + "unchanged, their attributes read) median %d ms, slowest %d ms%n",
        STUDENTS * MODULES, first, page[0], page[1]);
  }

  @Test
  void theSamePageFromAClustersWatch() {
    List<dev.tito.api.assignment.Assignment> assignments = new ArrayList<>();
    List<dev.tito.api.submission.Submission> submissions = new ArrayList<>(STUDENTS * MODULES);
    for (ModuleGrades module : grades()) {
      dev.tito.api.assignment.Assignment assignment =
          dev.tito.api.testing.GradedSubmissions.assignment("ns", module.module());
      assignments.add(assignment);
      for (GradingResult result : module.results()) {
        submissions.add(submission(module.module(), result));
      }
    }
    // what ClusterCourse does for each page: each Assignment's latest Graded Submissions from the
    // watch's caches
    CourseSource watched =
        new InMemory(List.of()) {
          @Override
          public List<ModuleGrades> grades() {
            return assignments.stream()
                .map(a -> dev.tito.console.cluster.ClusterGrades.of(a, submissions, List.of()))
                .toList();
          }
        };
    Pages pages = new Pages(watched, Clock.systemUTC(), "bench");
    WebRequest gradebook = WebRequest.of("GET", "/", null, null);
    long[] page = time(() -> pages.handle(gradebook).body().length);
    System.out.printf(
        "gradebook page from %d Submissions in the watch's caches: median %d ms, slowest %d ms%n",
        submissions.size(), page[0], page[1]);
  }

  private static dev.tito.api.submission.Submission submission(
      String assignment, GradingResult result) {
    dev.tito.api.submission.Submission submission =
        dev.tito.api.testing.GradedSubmissions.adasSubmission(
            "ns", assignment, assignment + "-" + result.student());
    submission.getSpec().student = result.student();
    submission.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    dev.tito.api.submission.SubmissionStatus status =
        dev.tito.api.testing.GradedSubmissions.waitingForAPerson();
    status.score = result.score();
    status.maxScore = result.maxScore();
    status.needsManualGrade = result.needsManualGrade();
    status.results =
        result.notebooks().get(0).tests().stream()
            .map(
                t -> {
                  dev.tito.api.submission.TestResult row = new dev.tito.api.submission.TestResult();
                  row.notebook = assignment;
                  row.gradeId = t.gradeId();
                  row.kind =
                      t.kind() == TestKind.AUTOGRADED_TEST ? "autograded_test" : "manual_answer";
                  row.cellType = t.cellType();
                  row.score = t.score();
                  row.autoScore = t.autoScore();
                  row.maxScore = t.maxScore();
                  row.status = t.status().wireName();
                  return row;
                })
            .toList();
    submission.setStatus(status);
    return submission;
  }

  /** Median and slowest of {@link #ROUNDS} runs after five to warm up, in milliseconds. */
  private static long[] time(Supplier<Integer> run) {
    for (int i = 0; i < 5; i++) {
      run.get();
    }
    long[] millis = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      run.get();
      millis[i] = (System.nanoTime() - start) / 1_000_000;
    }
    Arrays.sort(millis);
    return new long[] {millis[ROUNDS / 2], millis[ROUNDS - 1]};
  }

  private static String floor(List<ModuleGrades> grades) {
    StringBuilder html = new StringBuilder();
    for (int s = 0; s < STUDENTS; s++) {
      html.append("<tr><th>").append(grades.get(0).results().get(s).student()).append("</th>");
      for (ModuleGrades module : grades) {
        html.append("<td><a href=\"/submission/")
            .append(module.module())
            .append('/')
            .append(module.results().get(s).student())
            .append("\">")
            .append(module.results().get(s).score())
            .append("</a></td>");
      }
      html.append("</tr>\n");
    }
    return html.toString();
  }

  private static List<ModuleGrades> grades() {
    List<ModuleGrades> grades = new ArrayList<>();
    for (int m = 0; m < MODULES; m++) {
      String module = String.format("%02d_module", m + 1);
      List<GradingResult> results = new ArrayList<>(STUDENTS);
      for (int s = 0; s < STUDENTS; s++) {
        results.add(result(module, String.format("student%04d", s), (s * 7 + m) % 11));
      }
      grades.add(new ModuleGrades(module, null, results));
    }
    return grades;
  }

  /** Four tests and a written answer; every eleventh student's answer waits for a person, some are late. */
  private static GradingResult result(String module, String student, int seed) {
    List<TestResult> tests = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      boolean passed = (seed + t) % 3 != 0;
      tests.add(
          new TestResult(
              "test-" + t,
              TestKind.AUTOGRADED_TEST,
              "code",
              passed ? 2 : 0,
              passed ? 2.0 : 0.0,
              2,
              passed ? TestStatus.PASSED : TestStatus.FAILED,
              false,
              t == 3,
              passed ? "" : "AssertionError"));
    }
    boolean waiting = seed == 0;
    tests.add(
        new TestResult(
            "answer",
            TestKind.MANUAL_ANSWER,
            "markdown",
            waiting ? 0 : 1,
            waiting ? null : 1.0,
            2,
            waiting ? TestStatus.NEEDS_MANUAL_GRADE : TestStatus.PASSED,
            waiting,
            false,
            ""));
    double score = tests.stream().mapToDouble(TestResult::score).sum();
    return GradingResult.of(
        module,
        student,
        null,
        seed == 5 ? 3600 : 0,
        List.of(
            new NotebookGrade(
                module,
                true,
                "ok",
                null,
                score,
                10,
                0,
                waiting,
                tests,
                Map.of(),
                List.of(),
                new Timings(0, 0, 0))));
  }

  /** The grades in memory, as a cluster's watch holds them. */
  private static class InMemory implements CourseSource {
    private final List<ModuleGrades> grades;

    InMemory(List<ModuleGrades> grades) {
      this.grades = grades;
    }

    @Override
    public List<ModuleGrades> grades() {
      return grades;
    }

    @Override
    public String describe() {
      return "benchmark";
    }

    @Override
    public boolean cluster() {
      return false;
    }

    @Override
    public Map<String, Map<String, String>> failures() {
      return Map.of();
    }

    @Override
    public ManualGrading grading() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Notebooks notebooks(String module, String student) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> feedback(String module, String student, String notebook) {
      return Optional.empty();
    }

    @Override
    public String regrade(String module, String student) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean regradesOneStudent() {
      return false;
    }

    @Override
    public String start(String classroom, String student) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<LiveClass> live() {
      return Optional.empty();
    }

    @Override
    public List<String> activity() {
      return List.of();
    }

    @Override
    public void onChange(java.util.function.Consumer<Change> listener) {}

    @Override
    public void close() {}
  }
}
