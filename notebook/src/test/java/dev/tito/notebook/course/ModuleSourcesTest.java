package dev.tito.notebook.course;

import static dev.tito.notebook.course.ModuleSources.Content.CELLS;
import static dev.tito.notebook.course.ModuleSources.Content.GRADED_CELLS;
import static dev.tito.notebook.course.ModuleSources.Content.IPYNB;
import static dev.tito.notebook.course.ModuleSources.Content.OTHER;
import static dev.tito.notebook.course.ModuleSources.Content.PLAIN_PYTHON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.course.CourseModule.Layout;
import dev.tito.notebook.gates.Finding;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModuleSourcesTest {
  private static final Path DIR = Path.of("modules/01_tensor");

  /** name=content pairs, e.g. "tensor.py=GRADED_CELLS". */
  private static Map<Path, ModuleSources.Content> files(Object... pairs) {
    Map<Path, ModuleSources.Content> files = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      files.put(DIR.resolve((String) pairs[i]), (ModuleSources.Content) pairs[i + 1]);
    }
    return files;
  }

  static Stream<Arguments> folders() {
    return Stream.of(
        Arguments.of(
            "TinyTorch today: the .py is released, the .ipynb beside it is generated from it",
            Layout.TINYTORCH_MODULES,
            files("tensor.py", GRADED_CELLS, "tensor.ipynb", IPYNB, "ABOUT.md", OTHER),
            List.of("tensor.py"),
            List.of("tensor.ipynb"),
            0),
        Arguments.of(
            "a helper .py without cells is a data file",
            Layout.TINYTORCH_MODULES,
            files("autograd.py", GRADED_CELLS, "autograd_systems_analysis.py", PLAIN_PYTHON),
            List.of("autograd.py"),
            List.of(),
            0),
        Arguments.of(
            "another .py with nbgrader cells is released too, so its solutions never reach students",
            Layout.TINYTORCH_MODULES,
            files("tensor.py", GRADED_CELLS, "extra.py", GRADED_CELLS),
            List.of("extra.py", "tensor.py"),
            List.of(),
            0),
        Arguments.of(
            "another .py with cells but no nbgrader metadata is a data file",
            Layout.TINYTORCH_MODULES,
            files("tensor.py", GRADED_CELLS, "scratch.py", CELLS),
            List.of("tensor.py"),
            List.of(),
            0),
        Arguments.of(
            "the module's own .py with cells but no nbgrader metadata is its source",
            Layout.TINYTORCH_MODULES,
            files("tensor.py", CELLS),
            List.of("tensor.py"),
            List.of(),
            0),
        Arguments.of(
            "the module's own .py as plain Python is a problem",
            Layout.TINYTORCH_MODULES,
            files("tensor.py", PLAIN_PYTHON),
            List.of(),
            List.of(),
            1),
        Arguments.of(
            "an .ipynb without a .py is the source",
            Layout.TINYTORCH_MODULES,
            files("tensor.ipynb", IPYNB, "README.md", OTHER),
            List.of("tensor.ipynb"),
            List.of(),
            0),
        Arguments.of(
            "TinyTorch's earlier name_dev.py, with its generated name.ipynb",
            Layout.TINYTORCH_MODULES,
            files("tensor_dev.py", GRADED_CELLS, "tensor.ipynb", IPYNB),
            List.of("tensor_dev.py"),
            List.of("tensor.ipynb"),
            0),
        Arguments.of(
            "name.py and name_dev.py are two candidate sources",
            Layout.TINYTORCH_MODULES,
            files("tensor.py", GRADED_CELLS, "tensor_dev.py", GRADED_CELLS),
            List.of("tensor.py", "tensor_dev.py"),
            List.of(),
            1),
        Arguments.of(
            "src/: the file named after the folder",
            Layout.TINYTORCH_SRC,
            files("01_tensor.py", GRADED_CELLS, "helpers.py", PLAIN_PYTHON),
            List.of("01_tensor.py"),
            List.of(),
            0),
        Arguments.of(
            "nbgrader: every .ipynb, and .py files are data whatever they hold",
            Layout.NBGRADER,
            files("a.ipynb", IPYNB, "b.ipynb", IPYNB, "c.py", OTHER),
            List.of("a.ipynb", "b.ipynb"),
            List.of(),
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("folders")
  void aModuleFolderIsReleasedAsItsLayoutSays(
      String why,
      Layout layout,
      Map<Path, ModuleSources.Content> files,
      List<String> notebooks,
      List<String> generated,
      int problems) {
    ModuleSources sources = ModuleSources.classify("01_tensor", layout, files);

    assertThat(sources.notebooks())
        .extracting(file -> file.getFileName().toString())
        .containsExactlyElementsOf(notebooks);
    assertThat(sources.generated().keySet())
        .extracting(file -> file.getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(generated);
    assertThat(sources.problems()).hasSize(problems);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pythonTexts")
  void aPythonFileIsPlainCellsOrGradedCells(String text, ModuleSources.Content expected) {
    assertThat(ModuleSources.contentOf(Path.of("x.py"), text)).isEqualTo(expected);
  }

  static Stream<Arguments> pythonTexts() {
    return Stream.of(
        Arguments.of("import numpy as np\nx = 1\n", PLAIN_PYTHON),
        Arguments.of("# %%\nx = 1\n# %% [markdown]\n# hi\n", CELLS),
        Arguments.of("# %% nbgrader={\"grade\": false, \"solution\": true}\nx = 1\n", GRADED_CELLS),
        Arguments.of("class A:\n    # %% nbgrader={\"grade\": true}\n    pass\n", GRADED_CELLS));
  }

  @Test
  void validateSaysWhichFileIsTheSourceWhenBothSitTogether() {
    ModuleSources sources =
        ModuleSources.classify(
            "01_tensor",
            Layout.TINYTORCH_MODULES,
            files("tensor.py", GRADED_CELLS, "tensor.ipynb", IPYNB));

    assertThat(sources.notes())
        .containsExactly(
            DIR.resolve("tensor.ipynb")
                + ": not checked or released: tensor.py "
                + "beside it is the source (the .ipynb is generated from it)");
  }

  @Test
  void twoCandidateSourcesAreOneLineNamingBoth() {
    ModuleSources sources =
        ModuleSources.classify(
            "01_tensor",
            Layout.TINYTORCH_MODULES,
            files("tensor.py", GRADED_CELLS, "tensor_dev.py", CELLS));

    assertThat(sources.problems())
        .extracting(Finding::describe)
        .containsExactly(
            DIR
                + ": error: two candidate sources for module 01_tensor: tensor.py and "
                + "tensor_dev.py; keep one (both would be released)");
  }
}
