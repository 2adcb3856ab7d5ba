package dev.tito.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.console.gradebook.Gradebook;
import dev.tito.console.gradebook.SubmissionPage;
import dev.tito.notebook.autograde.GradingResult;
import dev.tito.notebook.autograde.NotebookGrade;
import dev.tito.notebook.autograde.TestKind;
import dev.tito.notebook.autograde.TestResult;
import dev.tito.notebook.autograde.TestStatus;
import dev.tito.notebook.autograde.Timings;
import dev.tito.notebook.export.ModuleGrades;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.review.ManualGrade;
import dev.tito.notebook.review.ManualGrading;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Student text is hostile: whatever a student wrote (markdown, code, a student id) or their code printed (streams,
 * errors, rich outputs), and a person's comment, reaches the console's pages as text, never as markup or script.
 */
class HostileContentTest {
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final Chrome CHROME =
      new Chrome(
          "course <i>x</i>", false, "flash " + SCRIPT, List.of("did " + SCRIPT), "/", SCRIPT);

  private static final String NOTEBOOK =
      """
      {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
       {"id": "a", "cell_type": "markdown", "metadata": {"nbgrader": {"grade": true, "solution": true, "locked": false,
        "grade_id": "answer", "points": 2, "schema_version": 3}},
        "source": "Here %1$s and <img src=x onerror=alert(2)> and [a link](javascript:alert(3)) ![p](javascript:alert(4))"},
       {"id": "b", "cell_type": "code", "execution_count": 1, "metadata": {}, "source": "print('%1$s')",
        "outputs": [
         {"output_type": "stream", "name": "stdout", "text": "%1$s\\n"},
         {"output_type": "error", "ename": "ValueError", "evalue": "%1$s", "traceback": ["\\u001b[31mValueError\\u001b[0m: %1$s"]},
         {"output_type": "display_data", "metadata": {}, "data": {"text/html": "%1$s", "text/plain": "<b>bold</b>"}},
         {"output_type": "display_data", "metadata": {}, "data": {"image/png": "AAAA\\" onerror=\\"alert(5)"}}]}]}
      """
          .formatted(SCRIPT.replace("\"", "\\\""));

  @Test
  void aSubmissionsMarkdownCodeOutputsAndCommentsAreShownAsText() {
    String html =
        Templates.render(
            "submission",
            Map.of(
                "chrome",
                CHROME,
                "page",
                page(),
                "nextUngraded",
                "/next/m",
                "regradesOneStudent",
                true));

    assertThat(html)
        .doesNotContain(
            SCRIPT,
            "<img src=x",
            "onerror=\"alert",
            "javascript:",
            "<b>bold</b>",
            "<i>x</i>",
            "\u001b");
    assertThat(html)
        .contains(
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&lt;img src=x onerror=alert(2)&gt;",
            "&lt;b&gt;bold&lt;/b&gt;",
            "<a rel=\"nofollow\" href=\"\">a link</a>",
            "ValueError: &lt;script&gt;");
    assertThat(html.split("<script", -1)).as("only the console's own two scripts").hasSize(3);
  }

  @Test
  void aStudentIdOrModuleNameWithMarkupIsTextInTheGradebookAndItsLinksStayOnePathSegment() {
    GradingResult result = result("<b>ada</b>\"onclick=\"x", "m/../x");
    String html =
        Templates.render(
            "gradebook",
            Map.of(
                "chrome",
                CHROME,
                "book",
                Gradebook.of(
                    List.of(new ModuleGrades("m/../x", null, List.of(result))), Map.of())));

    assertThat(html).doesNotContain("<b>ada</b>", "\"onclick=\"x\"", SCRIPT);
    assertThat(html)
        .contains(
            "&lt;b&gt;ada&lt;/b&gt;",
            "href=\"submission/m%2F..%2Fx/%3Cb%3Eada%3C%2Fb%3E%22onclick%3D%22x\"");
  }

  private static SubmissionPage page() {
    Notebook notebook = NotebookReader.parse(NOTEBOOK.getBytes(StandardCharsets.UTF_8), "nb.ipynb");
    GradingResult result = result("ada", "m");
    TestResult test = result.notebooks().get(0).tests().get(0);
    ManualGrade grade =
        new ManualGrade(
            "nb",
            "answer",
            1.0,
            null,
            "comment " + SCRIPT,
            2.0,
            "sha256:x",
            "bob " + SCRIPT,
            "2026-01-01T00:00:00Z");
    ManualGrading.Cell cell =
        new ManualGrading.Cell("ada", "nb", test, grade, "dropped " + SCRIPT, null);
    return SubmissionPage.of(
        result, List.of(cell), Map.of("nb", notebook), Map.of(), "note " + SCRIPT);
  }

  private static GradingResult result(String student, String module) {
    TestResult answer =
        new TestResult(
            "answer",
            TestKind.MANUAL_ANSWER,
            "markdown",
            0,
            null,
            2,
            TestStatus.NEEDS_MANUAL_GRADE,
            true,
            false,
            "message " + SCRIPT);
    return GradingResult.of(
        module,
        student,
        null,
        0,
        List.of(
            new NotebookGrade(
                "nb",
                true,
                "ok",
                null,
                0,
                2,
                0,
                true,
                List.of(answer),
                Map.of(),
                List.of(),
                new Timings(0, 0, 0))));
  }
}
