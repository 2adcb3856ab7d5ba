package dev.tito.notebook.gates;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.markdown;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.raw;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static dev.tito.notebook.testing.TestNotebooks.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tito.notebook.gates.Finding.Severity;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityGatesTest {
  private static final Path FILE = Path.of("m01/tensor.ipynb");
  private final QualityGates gates = new QualityGates();

  private static Notebook clean() {
    return notebook(
        markdown("# Tensors"),
        solution(
            code("def add(a, b):\n    ### BEGIN SOLUTION\n    return a + b\n    ### END SOLUTION"),
            "add"),
        tests(code("assert add(1, 2) == 3"), "add_test", 2));
  }

  @Test
  void aCleanNotebookHasNoFindings() {
    assertThat(gates.check(FILE, clean())).isEmpty();
  }

  @Test
  void reportsEveryProblemNotJustTheFirstOne() {
    Notebook notebook =
        notebook(
            with(
                code("x"),
                "{\"schema_version\": 3, \"grade\": true, \"solution\": false, \"locked\": true, \"grade_id\": \"a\"}"),
            with(
                code("y"),
                "{\"schema_version\": 3, \"grade\": false, \"solution\": false, \"locked\": true, \"grade_id\": \"a b\"}"),
            solution(
                code(
                    "def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n    ### END SOLUTION"),
                "f"),
            tests(code("assert f()\n### BEGIN HIDDEN TESTS\nassert g()"), "f_test", 1));

    List<Finding> findings = gates.check(FILE, notebook);

    assertThat(findings)
        .filteredOn(Finding::isError)
        .extracting(Finding::cellIndex, Finding::gradeId, Finding::line, Finding::message)
        .containsExactly(
            tuple(0, "a", null, "nbgrader cell 'a' does not have points"),
            tuple(1, "a b", null, "'a b' does not match '^[a-zA-Z0-9_\\\\-]*$'"),
            tuple(2, "f", 3, "encountered nested begin solution statements"),
            tuple(3, "f_test", 2, "No end hidden tests statement found"));
  }

  @Test
  void aFailureOnlyTheWholeReleaseSeesIsReportedToo() {
    Notebook notebook =
        notebook(
            "javascript", solution(code("### BEGIN SOLUTION\nlet x = 1;\n### END SOLUTION"), "x"));

    assertThat(gates.check(FILE, notebook))
        .extracting(Finding::severity, Finding::cellIndex, Finding::message)
        .containsExactly(
            tuple(
                Severity.ERROR,
                null,
                "language 'javascript' has not been specified in ClearSolutions.code_stub"));
  }

  @Test
  void reportsEachMetadataProblemOnce() {
    Notebook notebook = notebook(solution(markdown("Explain"), "why"));

    assertThat(gates.check(FILE, notebook))
        .extracting(Finding::message)
        .containsExactly("Markdown solution cell is not marked as a grade cell: Explain");
  }

  @Test
  void duplicateGradeIdsAreErrors() {
    Notebook notebook = notebook(tests(code("assert 1"), "t", 1), tests(code("assert 2"), "t", 1));

    assertThat(gates.check(FILE, notebook))
        .extracting(Finding::cellIndex, Finding::message)
        .containsExactly(tuple(1, "Duplicate grade id: t"));
  }

  @Test
  void outdatedMetadataSaysHowToUpgrade() {
    Notebook notebook =
        notebook(with(code("x"), "{\"grade\": true, \"points\": 1, \"grade_id\": \"x\"}"));

    assertThat(gates.check(FILE, notebook))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .isEqualTo(
                        "Outdated schema version: 0 (expected 3); upgrade the metadata with: tito module update "
                            + FILE));
  }

  @Test
  void warnsAboutWhatNbgraderAcceptsButSurprisesInstructors() {
    Notebook notebook =
        notebook(
            with(
                code("assert ok"),
                "{\"schema_version\": 3, \"grade\": true, \"solution\": false, \"locked\": false, "
                    + "\"grade_id\": \"unlocked_test\", \"points\": 1}"),
            tests(code("assert fine"), "free_test", 0),
            solution(code("x = 42"), "whole_cell"),
            code("print('a')\n### END SOLUTION"),
            tests(raw("not run"), "raw_test", 1));

    assertThat(gates.check(FILE, notebook))
        .allMatch(f -> f.severity() == Severity.WARNING)
        .extracting(Finding::cellIndex, Finding::line, Finding::message)
        .containsExactly(
            tuple(
                0,
                null,
                "test cell 'unlocked_test' stores locked: false; nbgrader locks test cells anyway, set locked "
                    + "to true so the notebook says what students get"),
            tuple(1, null, "test cell 'free_test' is worth 0 points"),
            tuple(
                2,
                null,
                "solution cell 'whole_cell' has no BEGIN SOLUTION / END SOLUTION markers: the whole cell "
                    + "will be replaced by the stub"),
            tuple(
                3,
                2,
                "'END SOLUTION' without a matching 'BEGIN SOLUTION': nbgrader silently drops this line"),
            tuple(
                4,
                null,
                "raw grade cell 'raw_test' is never run, so it can only be graded by hand"));
  }

  @Test
  void anUnlockedTaskCellIsAnErrorBecauseAutogradeWouldFail() {
    Notebook notebook =
        notebook(
            with(
                markdown("Discuss"),
                "{\"schema_version\": 3, \"grade\": false, \"solution\": false, "
                    + "\"locked\": false, \"task\": true, \"grade_id\": \"essay\", \"points\": 3}"));

    assertThat(gates.check(FILE, notebook))
        .extracting(Finding::severity, Finding::gradeId)
        .containsExactly(tuple(Severity.ERROR, "essay"));
  }

  @Test
  void gradeIdsMustBeUniqueAcrossTheModule() {
    Path other = Path.of("m01/autograd.ipynb");

    List<Finding> findings =
        gates
            .checkModule(
                List.of(new ModuleNotebook(FILE, clean()), new ModuleNotebook(other, clean())))
            .findings();

    assertThat(findings)
        .extracting(Finding::file, Finding::cellIndex, Finding::message)
        .containsExactly(
            tuple(
                other,
                1,
                "grade_id 'add' is also used in "
                    + FILE
                    + " (cell 1); grade_ids must be unique across the module"),
            tuple(
                other,
                2,
                "grade_id 'add_test' is also used in "
                    + FILE
                    + " (cell 2); grade_ids must be unique across the module"));
  }

  @Test
  void describesAFindingOnOneLine() {
    Finding finding =
        Finding.error(FILE, 2, "f", 3, "encountered nested begin solution statements");

    assertThat(finding.describe())
        .isEqualTo(
            FILE
                + ": cell 2 (grade_id f), line 3: error: encountered nested begin solution statements");
  }

  @Test
  void everyAutotestCellIsReported() {
    Notebook notebook =
        notebook(
            tests(code("### AUTOTEST f(1)"), "t1", 1),
            tests(code("x = 1\n### AUTOTEST f(2)"), "t2", 1));

    assertThat(gates.check(FILE, notebook))
        .filteredOn(Finding::isError)
        .extracting(Finding::cellIndex, Finding::line)
        .containsExactly(tuple(0, 1), tuple(1, 2));
  }

  @Test
  void warnsWhenAStoredCellTypeNoLongerMatches() {
    Notebook notebook =
        notebook(
            with(
                markdown("Read me"),
                "{\"schema_version\": 3, \"grade\": false, "
                    + "\"solution\": false, \"locked\": true, \"grade_id\": \"intro\", \"cell_type\": \"code\"}"));

    assertThat(gates.check(FILE, notebook))
        .extracting(Finding::severity, Finding::message)
        .containsExactly(tuple(Severity.WARNING, "Cell type has changed from code to markdown!"));
  }

  @Test
  void errorsComeBeforeWarningsAndCellsWithoutGradeIdAreNotNamedNull() {
    Notebook notebook =
        notebook(
            with(
                code("x = 1"),
                "{\"schema_version\": 3, \"grade\": false, \"solution\": true, "
                    + "\"locked\": false}"));

    assertThat(gates.check(FILE, notebook))
        .extracting(Finding::severity, Finding::message)
        .containsExactly(
            tuple(Severity.ERROR, "nbgrader cell does not have a grade_id: x = 1"),
            tuple(
                Severity.WARNING,
                "solution cell has no BEGIN SOLUTION / END SOLUTION markers: the whole cell will be "
                    + "replaced by the stub"));
  }

  @Test
  void aProblemInTheHeaderIsReportedAsTheHeaders() {
    Notebook header = notebook(code("### BEGIN SOLUTION\nsecret\n### END SOLUTION"));
    QualityGates withHeader = new QualityGates(ReleaseOptions.builder().header(header).build());

    assertThat(withHeader.check(FILE, clean()))
        .extracting(Finding::cellIndex, Finding::message)
        .containsExactly(
            tuple(
                null,
                "Solution region detected in a non-solution cell; please make sure all solution regions are "
                    + "within solution cells. (in cell 0 of the header)"));
  }

  @Test
  void checkAndReleaseGivesTheFindingsAndTheSameReleaseAsAReleaseOnItsOwn() {
    Notebook notebook = clean();
    byte[] before = NotebookWriter.toBytes(notebook);

    GatedRelease gated = gates.checkAndRelease(FILE, notebook);

    assertThat(gated.findings()).isEmpty();
    assertThat(gated.passed()).isTrue();
    ReleasedNotebook alone = StudentRelease.release(clean(), ReleaseOptions.defaults());
    assertThat(NotebookWriter.toBytes(gated.release().student()))
        .isEqualTo(NotebookWriter.toBytes(alone.student()));
    assertThat(gated.release().gradebookRows()).isEqualTo(alone.gradebookRows());
    assertThat(NotebookWriter.toBytes(notebook))
        .as("the instructor notebook is left as it was")
        .isEqualTo(before);
  }

  @Test
  void checkAndReleaseHasNoReleaseWhenTheReleaseFails() {
    Notebook notebook =
        notebook(
            "javascript", solution(code("### BEGIN SOLUTION\nlet x = 1;\n### END SOLUTION"), "x"));

    GatedRelease gated = gates.checkAndRelease(FILE, notebook);

    assertThat(gated.release()).isNull();
    assertThat(gated.passed()).isFalse();
    assertThat(gated.findings())
        .extracting(Finding::message)
        .containsExactly(
            "language 'javascript' has not been specified in ClearSolutions.code_stub");
  }

  @Test
  void aGateErrorFailsTheGatedReleaseEvenWhenNbgraderWouldReleaseIt() {
    Notebook notebook =
        notebook(
            with(
                markdown("Discuss"),
                "{\"schema_version\": 3, \"grade\": false, \"solution\": false, "
                    + "\"locked\": false, \"task\": true, \"grade_id\": \"essay\", \"points\": 3}"));

    GatedRelease gated = gates.checkAndRelease(FILE, notebook);

    assertThat(gated.release()).isNotNull();
    assertThat(gated.passed()).isFalse();
  }
}
