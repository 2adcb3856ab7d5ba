package dev.tito.notebook.gates;

import static dev.tito.notebook.testing.TestNotebooks.code;
import static dev.tito.notebook.testing.TestNotebooks.markdown;
import static dev.tito.notebook.testing.TestNotebooks.notebook;
import static dev.tito.notebook.testing.TestNotebooks.solution;
import static dev.tito.notebook.testing.TestNotebooks.tests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.gates.Finding.Severity;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.release.ReleaseOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gates that stop releases nbgrader makes but that are broken for students (issue 15, part 3). */
class BrokenReleaseGatesTest {
  private static final Path FILE = Path.of("modules/01_tensor/tensor.ipynb");
  private final QualityGates gates = new QualityGates();

  private static ObjectNode imports() {
    return solution(code("import numpy as np\nBYTES = 4"), "imports");
  }

  private static ObjectNode tensorClass() {
    return solution(
        code(
            "class Tensor:\n    def __init__(self, data):\n        ### BEGIN SOLUTION\n"
                + "        self.data = np.array(data)\n        ### END SOLUTION"),
        "tensor-class");
  }

  private static ObjectNode testCreation() {
    return tests(
        code("t = Tensor([1, 2])\nassert np.allclose(t.data, [1, 2])"), "test-creation", 10);
  }

  private static List<Finding> errors(Notebook notebook) {
    return new QualityGates().check(FILE, notebook).stream().filter(Finding::isError).toList();
  }

  @Test
  void aStubbedImportCellWhoseNamesATestStillReadsIsAnError() {
    List<Finding> errors = errors(notebook(imports(), tensorClass(), testCreation()));

    assertThat(errors)
        .extracting(Finding::cellIndex, Finding::gradeId, Finding::rule)
        .containsExactly(tuple(0, "imports", "stub-drops-names"));
    assertThat(errors.get(0).message())
        .isEqualTo(
            "solution cell 'imports' has no BEGIN SOLUTION / END SOLUTION markers, "
                + "so the release replaces it whole with the stub and drops np, which cell 2 ('test-creation') still reads: put "
                + "the answer between the markers, make the cell an ordinary one (solution: false), or, if students are to "
                + "write it themselves, allow stub-drops-names");
  }

  @Test
  void namesReadOnlyInsideSolutionRegionsOrOtherStubsAreNotLost() {
    Notebook notebook =
        notebook(
            imports(),
            tensorClass(),
            solution(code("def helper():\n    return np.zeros(BYTES)"), "helper"),
            tests(code("assert True"), "t", 1));

    assertThat(errors(notebook)).isEmpty();
    assertThat(gates.check(FILE, notebook))
        .extracting(Finding::severity, Finding::gradeId)
        .containsExactly(tuple(Severity.WARNING, "imports"), tuple(Severity.WARNING, "helper"));
  }

  @Test
  void namesBoundAgainBeforeTheyAreReadAreNotLost() {
    Notebook earlier = notebook(code("import numpy as np"), imports(), testCreation());
    Notebook later =
        notebook(imports(), code("import numpy as np\nclass Tensor:\n    pass"), testCreation());
    Notebook local =
        notebook(
            imports(), tests(code("def check(np):\n    return np\nassert check(1) == 1"), "t", 1));

    assertThat(errors(earlier)).isEmpty();
    assertThat(errors(later)).isEmpty();
    assertThat(errors(local)).isEmpty();
  }

  @Test
  void aSolutionCellHoldingTestsIsAnError() {
    Notebook notebook =
        notebook(
            solution(
                code("def test_simple_mlp():\n    assert mlp(1) == 2\ntest_simple_mlp()"),
                "test-simple-mlp"),
            tests(code("assert True"), "t", 1));

    assertThat(errors(notebook))
        .extracting(Finding::gradeId, Finding::line, Finding::rule)
        .containsExactly(tuple("test-simple-mlp", 1, "stub-replaces-tests"));
  }

  @Test
  void aModuleWorthZeroPointsIsRefused() {
    Notebook noPoints =
        notebook(solution(code("### BEGIN SOLUTION\nx = 1\n### END SOLUTION"), "x"));
    Notebook noMetadata = notebook(markdown("# Notes"), code("x = 1"));

    GatedModule refused = gates.checkModule(List.of(new ModuleNotebook(FILE, noPoints)));
    GatedModule plain = gates.checkModule(List.of(new ModuleNotebook(FILE, noMetadata)));

    assertThat(refused.passed()).isFalse();
    assertThat(refused.findings())
        .filteredOn(Finding::isError)
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("zero-points");
              assertThat(finding.message())
                  .startsWith(
                      "the release is worth 0 points: no test cell (grade: true, solution: "
                          + "false, with points) or task is worth points");
            });
    assertThat(plain.findings())
        .filteredOn(Finding::isError)
        .extracting(Finding::message)
        .singleElement()
        .asString()
        .startsWith(
            "the release is worth 0 points: no cell has nbgrader metadata, so nothing is graded");
  }

  @Test
  void aNotebookThatMeansItAllowsTheRuleInItsMetadataAndTheOutputStillShowsIt() {
    Notebook notebook = notebook(imports(), tensorClass(), testCreation());
    notebook.metadata().putObject("tito").putArray("allow").add("stub-drops-names");

    GatedRelease gated = gates.checkAndRelease(FILE, notebook);

    assertThat(gated.passed()).isTrue();
    assertThat(gated.findings())
        .filteredOn(finding -> "stub-drops-names".equals(finding.rule()))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.severity()).isEqualTo(Severity.WARNING);
              assertThat(finding.message()).endsWith("(allowed by the notebook's tito.allow)");
            });
  }

  @Test
  void theCallerCanAllowARuleForEveryModule() {
    QualityGates allowing = new QualityGates(ReleaseOptions.defaults(), Set.of("zero-points"));
    Notebook noPoints = notebook(markdown("# Reading only"));

    GatedModule gated = allowing.checkModule(List.of(new ModuleNotebook(FILE, noPoints)));

    assertThat(gated.passed()).isTrue();
    assertThat(gated.findings())
        .extracting(Finding::message)
        .singleElement()
        .asString()
        .endsWith("(allowed by --allow zero-points)");
  }

  @Test
  void aRuleNameTitoDoesNotKnowIsAWarningSoATypoAllowsNothingSilently() {
    Notebook notebook = notebook(imports(), tensorClass(), testCreation());
    notebook.metadata().putObject("tito").put("allow", "stub-drop-names");

    List<Finding> findings = gates.check(FILE, notebook);

    assertThat(findings)
        .filteredOn(Finding::isError)
        .extracting(Finding::rule)
        .containsExactly("stub-drops-names");
    assertThat(findings)
        .extracting(Finding::message)
        .contains(
            "tito.allow names 'stub-drop-names', which is no rule; rules that can be allowed: stub-drops-names, "
                + "stub-replaces-tests, zero-points");
  }
}
