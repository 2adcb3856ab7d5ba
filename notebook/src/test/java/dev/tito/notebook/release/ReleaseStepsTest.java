package dev.tito.notebook.release;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.markdown;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.raw;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static dev.tito.notebook.testing.TestNotebooks.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseStepsTest {
  private static final ClearSolutions CLEAR_SOLUTIONS =
      new ClearSolutions(ReleaseOptions.DEFAULT_CODE_STUBS, ReleaseOptions.DEFAULT_TEXT_STUB, true);

  private static List<Cell> after(ReleaseStep step, Notebook notebook) {
    step.apply(notebook);
    return notebook.cells();
  }

  @Test
  void solutionCellsWithoutRegionsAreReplacedWholesale() {
    List<Cell> cells =
        after(
            CLEAR_SOLUTIONS,
            notebook(
                solution(code("x = 42"), "a"),
                with(
                    markdown("essay"),
                    "{\"schema_version\": 3, \"grade\": true, \"solution\": true, \"locked\": false, "
                        + "\"grade_id\": \"b\", \"points\": 1}"),
                solution(raw("raw answer"), "c"),
                code("untouched")));

    assertThat(cells)
        .extracting(Cell::source)
        .containsExactly(
            "# YOUR CODE HERE\nraise NotImplementedError()",
            "YOUR ANSWER HERE",
            "YOUR ANSWER HERE",
            "untouched");
  }

  @Test
  void regionsInMarkdownGetTheTextStubWithIndentation() {
    List<Cell> cells =
        after(
            CLEAR_SOLUTIONS,
            notebook(
                solution(
                    markdown("Intro\n    ### BEGIN SOLUTION\nx\n    ### END SOLUTION\nOutro"),
                    "m")));

    assertThat(cells.get(0).source()).isEqualTo("Intro\n    YOUR ANSWER HERE\nOutro");
  }

  @Test
  void stubFollowsTheKernelLanguageCaseSensitively() {
    assertThat(after(CLEAR_SOLUTIONS, notebook("R", solution(code("x <- 1"), "a"))).get(0).source())
        .isEqualTo("# YOUR CODE HERE\nfail()");

    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () -> CLEAR_SOLUTIONS.apply(notebook("r", solution(code("x <- 1"), "a"))));

    assertThat(error.getMessage())
        .isEqualTo("language 'r' has not been specified in ClearSolutions.code_stub");
    assertThat(error.step()).isEqualTo("ClearSolutions");
    assertThat(error.cellIndex()).isNull();
  }

  @Test
  void regionOutsideASolutionCellFailsUnlessMetadataIsNotEnforced() {
    ObjectNode testCell = tests(code("### BEGIN SOLUTION\nassert f()\n### END SOLUTION"), "t", 1);

    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () -> CLEAR_SOLUTIONS.apply(notebook(code("ok"), testCell.deepCopy())));

    assertThat(error.getMessage())
        .isEqualTo(
            "Solution region detected in a non-solution cell; please make sure all "
                + "solution regions are within solution cells.");
    assertThat(error.cellIndex()).isEqualTo(1);
    assertThat(error.gradeId()).isEqualTo("t");
    assertThat(
            after(
                    new ClearSolutions(ReleaseOptions.DEFAULT_CODE_STUBS, "", false),
                    notebook(testCell))
                .get(0)
                .source())
        .isEqualTo("# YOUR CODE HERE\nraise NotImplementedError()");
  }

  @Test
  void unbalancedSolutionDelimitersReportTheirLine() {
    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () ->
                CLEAR_SOLUTIONS.apply(
                    notebook(
                        solution(code("def f():\n    ### BEGIN SOLUTION\n    return 1\n"), "a"))));

    assertThat(error.getMessage()).isEqualTo("no end solution statement found");
    assertThat(error.line()).isEqualTo(2);
  }

  @Test
  void clearSolutionsDropsTheCelltoolbarSetting() {
    Notebook notebook = notebook(code("x"));
    notebook.metadata().put("celltoolbar", "Create Assignment");

    CLEAR_SOLUTIONS.apply(notebook);

    assertThat(notebook.metadata().has("celltoolbar")).isFalse();
  }

  @Test
  void lockCellsSetsJupytersFlagsPerKind() {
    List<Cell> cells =
        after(
            new LockCells(),
            notebook(
                with(
                    markdown("answer"),
                    "{\"schema_version\": 3, \"grade\": true, \"solution\": true, \"locked\": false, "
                        + "\"grade_id\": \"m\", \"points\": 1}"),
                solution(code("x"), "s"),
                tests(code("assert x"), "t", 1),
                with(
                    markdown("read me"),
                    "{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": true, "
                        + "\"grade_id\": \"r\"}"),
                code("plain")));

    assertThat(cells)
        .extracting(
            cell ->
                cell.metadata().path("deletable").asText("-")
                    + "/"
                    + cell.metadata().path("editable").asText("-"))
        .containsExactly("false/-", "false/-", "false/false", "false/false", "-/-");
  }

  @Test
  void clearOutputEmptiesCodeCellsOnly() {
    ObjectNode executed = code("print(1)");
    executed.put("execution_count", 3);
    executed
        .withArray("outputs")
        .addObject()
        .put("output_type", "stream")
        .put("name", "stdout")
        .put("text", "1\n");
    ((ObjectNode) executed.get("metadata"))
        .put("collapsed", true)
        .put("scrolled", "auto")
        .put("tags", "keep");
    ObjectNode text = markdown("hi");
    ((ObjectNode) text.get("metadata")).put("collapsed", true);

    List<Cell> cells = after(new ClearOutput(), notebook(executed, text));

    assertThat(cells.get(0).outputs()).isEmpty();
    assertThat(cells.get(0).node().get("execution_count").isNull()).isTrue();
    assertThat(cells.get(0).metadata().fieldNames()).toIterable().containsExactly("tags");
    assertThat(cells.get(1).metadata().has("collapsed")).isTrue();
  }

  @Test
  void hiddenTestsOnlyInTestCells() {
    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () ->
                new ClearHiddenTests(true)
                    .apply(
                        notebook(
                            solution(
                                code("### BEGIN HIDDEN TESTS\nx\n### END HIDDEN TESTS"), "s"))));

    assertThat(error.step()).isEqualTo("ClearHiddenTests");
    assertThat(error.getMessage()).startsWith("Hidden test region detected in a non-grade cell");
  }

  @Test
  void nestedHiddenTestsReportTheLine() {
    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class,
            () ->
                new ClearHiddenTests(true)
                    .apply(
                        notebook(
                            tests(
                                code(
                                    "a\n### BEGIN HIDDEN TESTS\n### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS"),
                                "t",
                                1))));

    assertThat(error.getMessage()).isEqualTo("Encountered nested begin hidden tests statements");
    assertThat(error.line()).isEqualTo(3);
  }

  @Test
  void markSchemeAttachmentIsRefusedAtItsLine() {
    ObjectNode task =
        with(
            markdown(
                "Explain.\n=== BEGIN MARK SCHEME ===\nsee\n![plot](attachment:plot.png)\n"
                    + "=== END MARK SCHEME ==="),
            "{\"schema_version\": 3, \"grade\": false, \"solution\": false, "
                + "\"locked\": true, \"task\": true, \"grade_id\": \"task\", \"points\": 2}");

    ReleaseException error =
        catchThrowableOfType(
            ReleaseException.class, () -> new ClearMarkScheme(true).apply(notebook(task)));

    assertThat(error.getMessage()).contains("Encountered an attachment in a marking scheme.");
    assertThat(error.line()).isEqualTo(4);
  }

  @Test
  void markSchemeIsRemovedFromTaskCells() {
    ObjectNode task =
        with(
            markdown("Explain.\n=== BEGIN MARK SCHEME ===\nsecret\n=== END MARK SCHEME ==="),
            "{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": true, \"task\": true, "
                + "\"grade_id\": \"task\", \"points\": 2}");

    assertThat(after(new ClearMarkScheme(true), notebook(task)).get(0).source())
        .isEqualTo("Explain.");
  }
}
