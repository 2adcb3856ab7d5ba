package dev.tito.notebook.autograde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.execute.ExecutionLimits;
import dev.tito.notebook.execute.LocalJupyterExecutor;
import dev.tito.notebook.export.ModuleGrades;
import dev.tito.notebook.export.NbgraderCsv;
import dev.tito.notebook.feedback.FeedbackPage;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.review.Review;
import dev.tito.notebook.testing.SharedRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every autograde case of the nbgrader corpus, graded with a real kernel: per grade_id scores,
 * manual-grading flags, comments, late penalties and restored sources must match nbgrader 0.9.5.
 * Where nbgrader crashes, {@link DeliberateDifferences} asserts tito's documented behaviour instead.
 */
class AutogradeConformanceTest {
  private static final Pattern TIMEOUT = Pattern.compile("Execute\\.timeout\\s*=\\s*(\\d+)");

  private static final SharedRuns SHARED_RUNS = new SharedRuns(new LocalJupyterExecutor());

  @TempDir Path temp;

  /** Cases are graded two at a time in the background while earlier ones are checked (kernels dominate). */
  @TestFactory
  Stream<DynamicTest> autogradeCases() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<JsonNode> cases = ConformanceCorpus.cases("autograde");
    Map<String, Future<Map<String, GradedSubmission>>> graded = new LinkedHashMap<>();
    for (JsonNode c : cases) {
      graded.put(c.path("id").asText(), pool.submit(() -> grade(c)));
    }
    pool.shutdown();
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.path("id").asText(),
                    () -> check(c, graded.get(c.path("id").asText()).get())));
  }

  private Map<String, GradedSubmission> grade(JsonNode c) throws Exception {
    Path course = Files.createDirectories(temp.resolve(c.path("id").asText()));
    ConformanceCorpus.placeSubmissions(c, course);
    return grade(c, ReleaseRows.of(c), course);
  }

  private void check(JsonNode c, Map<String, GradedSubmission> graded) throws Exception {
    String id = c.path("id").asText();
    JsonNode expected = c.path("expected").path("gradebook");
    List<String> students = new ArrayList<>();
    c.path("submissions").forEach(s -> students.add(s.path("student").asText()));
    for (String student : students) {
      GradingResult result = graded.get(student).result();
      if (DeliberateDifferences.covers(id, student)) {
        DeliberateDifferences.check(id, student, graded.get(student));
        continue;
      }
      assertMatches(id + "/" + student, result, expected.path(student));
      assertRestoredSources(c, student, graded.get(student));
      assertFeedbackHeadings(c, student, graded.get(student));
    }
    if (c.path("expected").has("export_csv")) {
      List<GradingResult> results = graded.values().stream().map(GradedSubmission::result).toList();
      String duedate = c.path("config").path("assignment_duedate").asText(null);
      assertThat(NbgraderCsv.render(List.of(new ModuleGrades("ps1", duedate, results))))
          .isEqualTo(
              Files.readString(
                  ConformanceCorpus.ROOT.resolve(c.path("expected").path("export_csv").asText())));
    }
  }

  /** nbgrader's feedback page heading, e.g. {@code problem1 (Score: 1.5 / 10.0)}. */
  private static void assertFeedbackHeadings(JsonNode c, String student, GradedSubmission graded) {
    c.path("expected")
        .path("feedback_headings")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().startsWith(student + "/")) {
                String notebook = e.getKey().substring(student.length() + 1);
                NotebookGrade grade =
                    graded.result().notebooks().stream()
                        .filter(n -> n.name().equals(notebook))
                        .findFirst()
                        .orElseThrow();
                assertThat(FeedbackPage.render(graded.autograded().get(notebook), grade))
                    .contains("<h1>" + e.getValue().asText() + "</h1>");
              }
            });
  }

  /** Each run of the case in order; a later run of a student replaces the earlier result. */
  private static Map<String, GradedSubmission> grade(
      JsonNode c, ReleaseGradebook rows, Path course) {
    String config = c.path("config").path("nbgrader_config.py").asText("");
    LatePolicy policy =
        config.contains("penalty_method = 'zero'") ? LatePolicy.ZERO : LatePolicy.NONE;
    Map<String, GradedSubmission> graded = new TreeMap<>();
    for (JsonNode run : c.path("expected").path("runs")) {
      List<String> cli = new ArrayList<>();
      run.path("cli").forEach(a -> cli.add(a.asText()));
      Duration timeout = Duration.ofSeconds(30);
      Matcher configured = TIMEOUT.matcher(config);
      if (configured.find()) {
        timeout = Duration.ofSeconds(Long.parseLong(configured.group(1)));
      }
      String only = null;
      for (int i = 0; i < cli.size(); i++) {
        Matcher flag = Pattern.compile("--Execute\\.timeout=(\\d+)").matcher(cli.get(i));
        if (flag.matches()) {
          timeout = Duration.ofSeconds(Long.parseLong(flag.group(1)));
        }
        if (cli.get(i).equals("--student")) {
          only = cli.get(i + 1);
        }
      }
      boolean execute = !cli.contains("--no-execute");
      SubmissionGrader grader =
          new SubmissionGrader(
              new NotebookAutograder(
                  SHARED_RUNS,
                  ExecutionLimits.defaults()
                      .withPerCellTimeout(timeout)
                      .withDeadline(Duration.ofSeconds(120))),
              policy);
      Map<String, GradedSubmission> thisRun = new ConcurrentHashMap<>();
      String student = only;
      List<JsonNode> submissions = new ArrayList<>();
      c.path("submissions").forEach(submissions::add);
      submissions.stream()
          .map(s -> s.path("student").asText())
          .filter(s -> student == null || s.equals(student))
          .forEach(
              s ->
                  thisRun.put(
                      s,
                      grader.grade(
                          "ps1",
                          s,
                          rows,
                          course.resolve("submitted/" + s + "/ps1"),
                          null,
                          execute,
                          Review.empty("ps1", s))));
      graded.putAll(thisRun);
    }
    return graded;
  }

  static void assertMatches(String label, GradingResult result, JsonNode expected) {
    assertThat(result.rawScore()).as(label + " score").isEqualTo(expected.path("score").asDouble());
    assertThat(result.maxScore())
        .as(label + " max_score")
        .isEqualTo(expected.path("max_score").asDouble());
    assertThat(result.latePenalty())
        .as(label + " late penalty")
        .isEqualTo(expected.path("late_submission_penalty").asDouble());
    JsonNode stamp = expected.path("timestamp_utc");
    assertThat(result.timestamp())
        .as(label + " timestamp")
        .isEqualTo(stamp.isNull() ? null : stamp.asText());
    for (NotebookGrade notebook : result.notebooks()) {
      JsonNode nb = expected.path("notebooks").path(notebook.name());
      String where = label + "/" + notebook.name();
      assertThat(notebook.score()).as(where + " score").isEqualTo(nb.path("score").asDouble());
      assertThat(notebook.maxScore()).as(where + " max").isEqualTo(nb.path("max_score").asDouble());
      Map<String, Object> ours = new TreeMap<>();
      Map<String, Object> theirs = new TreeMap<>();
      for (TestResult test : notebook.tests()) {
        ours.put(
            test.gradeId(),
            List.of(String.valueOf(test.autoScore()), test.needsManualGrade(), test.maxScore()));
      }
      nb.path("grades")
          .fields()
          .forEachRemaining(
              e ->
                  theirs.put(
                      e.getKey(),
                      List.of(
                          e.getValue().path("auto_score").isNull()
                              ? "null"
                              : String.valueOf(e.getValue().path("auto_score").asDouble()),
                          e.getValue().path("needs_manual_grade").asBoolean(),
                          e.getValue().path("max_score").asDouble())));
      assertThat(ours)
          .as(where + " grades (auto_score, needs_manual_grade, max)")
          .isEqualTo(theirs);
      Map<String, String> comments = new TreeMap<>();
      nb.path("auto_comments")
          .fields()
          .forEachRemaining(
              e -> comments.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      assertThat(new TreeMap<>(notebook.comments()))
          .as(where + " auto comments")
          .isEqualTo(comments);
    }
  }

  /** nbgrader's autograded notebooks: same cells, types and sources (outputs depend on the machine). */
  private static void assertRestoredSources(JsonNode c, String student, GradedSubmission graded) {
    for (JsonNode path : c.path("expected").path("derived_autograded_notebooks")) {
      String text = path.asText();
      if (!text.contains("/autograded/" + student + "/")) {
        continue;
      }
      String name = Path.of(text).getFileName().toString().replace(".ipynb", "");
      Notebook theirs = NotebookReader.read(ConformanceCorpus.ROOT.resolve(text));
      Notebook ours = graded.autograded().get(name);
      assertThat(ours).as(text).isNotNull();
      assertThat(sources(ours)).as(text + " restored sources").isEqualTo(sources(theirs));
    }
  }

  private static List<String> sources(Notebook notebook) {
    List<String> sources = new ArrayList<>();
    for (Cell cell : notebook.cells()) {
      sources.add(cell.type() + " " + GradingFlags.gradeId(cell) + ": " + cell.source());
    }
    return sources;
  }
}
