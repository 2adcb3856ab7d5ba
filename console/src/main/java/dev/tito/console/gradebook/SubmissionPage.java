package dev.tito.console.gradebook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.feedback.FeedbackPage;
import dev.tito.notebook.feedback.Markdown;
import dev.tito.notebook.feedback.OutputText;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.PythonFloat;
import dev.tito.notebook.nbgrader.GradingFlags;
import dev.tito.notebook.review.ManualGrade;
import dev.tito.notebook.review.ManualGrading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One student's graded submission of a module as an instructor reads it: every notebook's cells (markdown rendered,
 * code to highlight, outputs as text), and beside each graded cell its result and a form for a person's grade.
 * Everything the student wrote or their code printed reaches the page only as text (the templates escape it), except
 * markdown, which {@link Markdown} renders with raw HTML escaped.
 *
 * @param hiddenNote why hidden tests' source is not shown, or null when the notebooks hold it
 */
public record SubmissionPage(
    String module,
    String student,
    String score,
    String maxScore,
    String latePenalty,
    boolean pending,
    List<NotebookView> notebooks,
    String hiddenNote) {

  /** Above this, an output is cut (a student's loop can print megabytes). */
  static final int MAX_OUTPUT_CHARS = 20_000;

  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]+");

  /** @param unplaced graded cells the notebook no longer has (the student deleted them) */
  public record NotebookView(
      String name,
      String score,
      String maxScore,
      String failure,
      List<CellView> cells,
      List<GradedView> unplaced) {}

  /**
   * @param type markdown, code or raw
   * @param markdownHtml the rendered markdown of a markdown cell, else null
   */
  public record CellView(
      String type,
      String markdownHtml,
      String source,
      List<OutputView> outputs,
      GradedView graded) {}

  /** @param kind stdout, stderr, result, error or image; {@code image} is a data URI for an image */
  public record OutputView(String kind, String text, String image) {}

  /**
   * A graded cell: what the autograder and any person said, and the grading form.
   *
   * @param dropped why the person's grade on record no longer counts, or null
   */
  public record GradedView(
      String notebook,
      String gradeId,
      String anchor,
      String label,
      String status,
      String score,
      String maxScore,
      String message,
      boolean hidden,
      boolean needsPerson,
      String gradedBy,
      String dropped,
      boolean answer,
      Form form) {}

  /**
   * The grading form's fields, as last typed or as on record.
   *
   * @param seen the version of the grade on record when the page was made ({@link #seen(ManualGrade)})
   * @param problem why the last try was refused, or null
   * @param conflict who graded the cell meanwhile, or null
   */
  public record Form(
      String score,
      String extraCredit,
      String comment,
      String seen,
      String problem,
      String conflict) {}

  /** The form's {@code seen} field for a grade on record (none: empty). */
  public static String seen(ManualGrade grade) {
    return grade == null || grade.gradedAt() == null ? "" : grade.gradedAt();
  }

  /** The grade a form says its person saw. */
  public static ManualGrading.Seen seen(String field) {
    return new ManualGrading.Seen(false, field == null || field.isEmpty() ? null : field);
  }

  /**
   * @param cells the student's graded cells as they count now
   * @param notebooks the notebooks to show, by name (an instructor's view: hidden tests in place when present)
   * @param forms forms as a person last sent them, by {@code notebook/gradeId}: shown instead of the record
   */
  public static SubmissionPage of(
      GradingResult result,
      List<ManualGrading.Cell> cells,
      Map<String, Notebook> notebooks,
      Map<String, Form> forms,
      String hiddenNote) {
    Map<String, ManualGrading.Cell> byKey = new HashMap<>();
    cells.forEach(c -> byKey.put(c.notebook() + "/" + c.test().gradeId(), c));
    List<NotebookView> views = new ArrayList<>();
    for (NotebookGrade grade : result.notebooks()) {
      views.add(notebook(grade, notebooks.get(grade.name()), byKey, forms));
    }
    return new SubmissionPage(
        result.module(),
        result.student(),
        FeedbackPage.score(result.score()),
        FeedbackPage.score(result.maxScore()),
        result.latePenalty() > 0 ? FeedbackPage.score(result.latePenalty()) : null,
        result.needsManualGrade(),
        views,
        hiddenNote);
  }

  private static NotebookView notebook(
      NotebookGrade grade,
      Notebook notebook,
      Map<String, ManualGrading.Cell> cells,
      Map<String, Form> forms) {
    List<CellView> views = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    if (notebook != null) {
      for (Cell cell : notebook.cells()) {
        String id = GradingFlags.gradeId(cell);
        ManualGrading.Cell graded = id == null ? null : cells.get(grade.name() + "/" + id);
        if (graded != null && !placed.add(id)) {
          graded = null;
        }
        views.add(
            new CellView(
                cell.type(),
                cell.isMarkdown() ? Markdown.html(cell.source()) : null,
                cell.source(),
                cell.isCode() ? outputs(cell) : List.of(),
                graded == null ? null : graded(graded, forms)));
      }
    }
    List<GradedView> unplaced =
        grade.tests().stream()
            .filter(t -> !placed.contains(t.gradeId()))
            .map(t -> cells.get(grade.name() + "/" + t.gradeId()))
            .filter(java.util.Objects::nonNull)
            .map(c -> graded(c, forms))
            .toList();
    return new NotebookView(
        grade.name(),
        FeedbackPage.score(grade.score() - grade.latePenalty()),
        FeedbackPage.score(grade.maxScore()),
        "ok".equals(grade.failure())
            ? null
            : grade.failure()
                + (grade.failureMessage() == null ? "" : ": " + grade.failureMessage()),
        views,
        unplaced);
  }

  private static GradedView graded(ManualGrading.Cell cell, Map<String, Form> forms) {
    TestResult test = cell.test();
    ManualGrade grade = cell.grade();
    String key = cell.notebook() + "/" + test.gradeId();
    Form form =
        forms.getOrDefault(
            key,
            new Form(
                grade == null ? "" : PythonFloat.repr(grade.score()),
                grade == null || grade.extraCredit() == null
                    ? ""
                    : PythonFloat.repr(grade.extraCredit()),
                grade == null || grade.comment() == null ? "" : grade.comment(),
                seen(grade),
                null,
                null));
    return new GradedView(
        cell.notebook(),
        test.gradeId(),
        "cell-" + cell.notebook() + "-" + test.gradeId(),
        label(test),
        cell.needsPerson()
            ? "waits for a person"
            : test.gradedByPerson()
                ? "graded by a person"
                : test.status().wireName().replace('_', ' '),
        FeedbackPage.score(test.score()),
        FeedbackPage.score(test.maxScore()),
        // the autograder's "needs manual grading" no longer holds once a person graded an answer or
        // a task
        test.gradedByPerson() && test.kind() != TestKind.AUTOGRADED_TEST ? null : test.message(),
        test.hidden(),
        cell.needsPerson(),
        grade == null ? null : grade.describe() + " at " + grade.gradedAt(),
        cell.dropped(),
        test.kind() != TestKind.AUTOGRADED_TEST,
        form);
  }

  private static String label(TestResult test) {
    return switch (test.kind()) {
      case AUTOGRADED_TEST -> test.hidden() ? "test (with hidden tests)" : "test";
      case MANUAL_ANSWER -> "markdown".equals(test.cellType()) ? "written answer" : "code answer";
      case TASK -> "task";
    };
  }

  private static List<OutputView> outputs(Cell cell) {
    List<OutputView> views = new ArrayList<>();
    for (JsonNode output : cell.outputs()) {
      switch (output.path("output_type").asText()) {
        case "stream" ->
            views.add(
                text(
                    "stderr".equals(output.path("name").asText()) ? "stderr" : "stdout",
                    OutputText.plain(output.path("text").asText())));
        case "error" -> views.add(text("error", OutputText.error(output, true)));
        case "execute_result", "display_data" -> {
          JsonNode data = output.path("data");
          String png = data.path("image/png").asText("");
          if (!png.isEmpty() && BASE64.matcher(png).matches()) {
            views.add(
                new OutputView(
                    "image", null, "data:image/png;base64," + png.replaceAll("\\s", "")));
          } else if (data.hasNonNull("text/plain")) {
            views.add(text("result", OutputText.plain(data.path("text/plain").asText())));
          }
        }
        default -> {}
      }
    }
    return views;
  }

  private static OutputView text(String kind, String text) {
    return new OutputView(
        kind,
        text.length() <= MAX_OUTPUT_CHARS
            ? text
            : text.substring(0, MAX_OUTPUT_CHARS)
                + "\n… ("
                + (text.length() - MAX_OUTPUT_CHARS)
                + " more characters not shown)",
        null);
  }
}
