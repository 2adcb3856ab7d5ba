package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TinyTorch's repository as it is today: {@code modules/NN_name/name.py} (jupytext, schema-0 headers) with a
 * generated {@code name.ipynb} beside some, extra files, and the older {@code src/} layout next to it.
 */
class TinyTorchLayoutTest {
  private static final String HEADER =
      "# ---\n# jupyter:\n#   kernelspec:\n#     display_name: Python 3\n"
          + "#     language: python\n#     name: python3\n# ---\n\n";

  /** 01_tensor's bug: the imports are a solution cell without markers, and the tests read np. */
  private static final String TENSOR =
      HEADER
          + "# %% [markdown]\n\"\"\"\n# Tensor\n\"\"\"\n\n"
          + "# %% nbgrader={\"grade\": false, \"grade_id\": \"imports\", \"solution\": true}\nimport numpy as np\n\n"
          + "# %% nbgrader={\"grade\": false, \"grade_id\": \"tensor-class\", \"solution\": true}\nclass Tensor:\n"
          + "    def __init__(self, data):\n        ### BEGIN SOLUTION\n        self.data = np.array(data)\n"
          + "        ### END SOLUTION\n\n"
          + "# %% nbgrader={\"grade\": true, \"grade_id\": \"test-tensor\", \"locked\": true, \"points\": 10}\n"
          + "assert np.allclose(Tensor([1]).data, [1])\n";

  private static final String ACTIVATIONS =
      HEADER
          + "# %%\nimport numpy as np\n\n"
          + "# %% nbgrader={\"grade\": false, \"grade_id\": \"relu\", \"solution\": true}\ndef relu(x):\n"
          + "    ### BEGIN SOLUTION\n    return np.maximum(x, 0)\n    ### END SOLUTION\n\n"
          + "# %% nbgrader={\"grade\": true, \"grade_id\": \"test-relu\", \"locked\": true, \"points\": 5}\n"
          + "assert relu(-1) == 0\n";

  @TempDir Path dir;

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve("TinyTorch").resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private Path course() throws IOException {
    write("modules/01_tensor/tensor.py", TENSOR);
    write("modules/01_tensor/tensor.ipynb", "not even JSON: the generated notebook is never read");
    write("modules/01_tensor/ABOUT.md", "# About");
    write("modules/02_activations/activations.py", ACTIVATIONS);
    write("modules/02_activations/activations.ipynb", "{}");
    write("modules/02_activations/ABOUT.md", "# About");
    write("modules/02_activations/activation_plots.py", "import matplotlib\n");
    return dir.resolve("TinyTorch");
  }

  @Test
  void eachModuleReleasesItsNameDotPyAndTheBrokenOneIsRefusedWithTheReason() throws IOException {
    Path course = course();

    TitoRun run =
        TitoRun.of("module", "release", "--all", "--student", "--course", course.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "tito: "
                + course.resolve("modules/01_tensor/tensor.py")
                + ":14: cell 1 (grade_id "
                + "imports): error: solution cell 'imports' has no BEGIN SOLUTION / END SOLUTION markers, so the release "
                + "replaces it whole with the stub and drops np, which cell 3 ('test-tensor') still reads");
    assertThat(run.out())
        .containsPattern("01_tensor\\s+1\\s+refused\\s+-")
        .containsPattern("02_activations\\s+1\\s+released with 1 warning\\s+5.0")
        .contains("1 of 2 modules released (1 with warnings), 1 refused")
        .contains("the findings: tito module validate " + course);
    assertThat(course.resolve("release/01_tensor")).doesNotExist();
    Path release = course.resolve("release/02_activations");
    try (var files = Files.list(release)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder("activations.ipynb", "ABOUT.md", "activation_plots.py");
    }
    JsonNode notebook = new ObjectMapper().readTree(release.resolve("activations.ipynb").toFile());
    assertThat(notebook.path("cells").get(1).path("source").toString())
        .contains("raise NotImplementedError()")
        .doesNotContain("np.maximum");
  }

  @Test
  void aModuleThatMeansItCanBeReleasedWithAllowAndTheOutputShowsTheException() throws IOException {
    Path course = course();

    TitoRun run =
        TitoRun.of(
            "module",
            "release",
            "01_tensor",
            "--student",
            "--course",
            course.toString(),
            "--allow",
            "stub-drops-names");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .contains("tensor.py:14: cell 1 (grade_id imports): warning: solution cell 'imports'")
        .contains("(allowed by --allow stub-drops-names)");
    assertThat(run.out()).containsPattern("01_tensor\\s+1\\s+released with 2 warnings\\s+10.0");
    assertThat(course.resolve("release/01_tensor/tensor.ipynb")).exists();
  }

  @Test
  void bothLayoutsInOneCourseAreOneLineUntilLayoutChoosesOne() throws IOException {
    Path course = course();
    write("src/01_tensor/01_tensor.py", TENSOR);

    TitoRun both =
        TitoRun.of("module", "release", "--all", "--student", "--course", course.toString());
    TitoRun modules =
        TitoRun.of(
            "module",
            "release",
            "02_activations",
            "--student",
            "--course",
            course.toString(),
            "--layout",
            "modules");
    TitoRun typo =
        TitoRun.of(
            "module",
            "release",
            "--all",
            "--student",
            "--course",
            course.toString(),
            "--layout",
            "srcs");

    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err())
        .isEqualTo(
            "tito: "
                + course
                + ": module 01_tensor is in both src/ and modules/: choose the "
                + "folder that holds the course with --layout modules or --layout src\n");
    assertThat(modules.exitCode()).isZero();
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err())
        .isEqualTo(
            "tito: module release: Invalid value for option '--layout': 'srcs' is none of "
                + "source, modules, src; see: tito module release --help\n");
  }

  @Test
  void gradingInACourseOfBothLayoutsAsksWhichAndThenGivesTheModulesDataFiles() throws IOException {
    Path course = course();
    write("src/02_activations/02_activations.py", ACTIVATIONS);
    TitoRun release =
        TitoRun.of(
            "module",
            "release",
            "02_activations",
            "--student",
            "--course",
            course.toString(),
            "--layout",
            "modules");
    assertThat(release.exitCode()).as(release.err()).isZero();
    Path handedIn = course.resolve("submitted/ada/02_activations");
    Files.createDirectories(handedIn);
    Files.copy(
        course.resolve("release/02_activations/activations.ipynb"),
        handedIn.resolve("activations.ipynb"));

    TitoRun both =
        TitoRun.of(
            "module", "grade", "02_activations", "--course", course.toString(), "--no-execute");
    TitoRun modules =
        TitoRun.of(
            "module",
            "grade",
            "02_activations",
            "--course",
            course.toString(),
            "--no-execute",
            "--layout",
            "modules");

    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err())
        .isEqualTo(
            "tito: "
                + course
                + ": module 02_activations is in both src/ and modules/: choose the "
                + "folder that holds the course with --layout modules or --layout src\n");
    assertThat(modules.exitCode()).as(modules.err()).isZero();
    // the module's data files, from modules/, beside the autograded notebook as nbgrader puts them
    assertThat(course.resolve("autograded/ada/02_activations/ABOUT.md")).exists();
  }

  @Test
  void foldersThatCannotBeReleasedAreRefusedWithOneLineEach() throws IOException {
    Path course = course();
    write("modules/03_layers/layers.py", ACTIVATIONS);
    write("modules/03_layers/layers_dev.py", ACTIVATIONS);
    write("modules/04_losses/losses.py", "# %%\nimport numpy as np\n\n# %%\nprint(np.pi)\n");
    write("modules/05_autograd/autograd.py", "import numpy as np\n");

    TitoRun run =
        TitoRun.of("module", "release", "--all", "--student", "--course", course.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "tito: "
                + course.resolve("modules/03_layers")
                + ": error: two candidate sources for "
                + "module 03_layers: layers.py and layers_dev.py; keep one (both would be released)")
        .contains(
            "tito: "
                + course.resolve("modules/04_losses/losses.py")
                + ": error: the release is worth 0 points: no "
                + "cell has nbgrader metadata, so nothing is graded")
        .contains(
            "tito: "
                + course.resolve("modules/05_autograd/autograd.py")
                + ": error: plain Python, no '# %%' cell "
                + "markers: the module's source must be a jupytext percent notebook")
        .doesNotContain("Exception");
    assertThat(run.out())
        .containsPattern("03_layers\\s+2\\s+refused")
        .containsPattern("04_losses\\s+1\\s+refused")
        .containsPattern("05_autograd\\s+0\\s+refused");
    assertThat(course.resolve("release/03_layers")).doesNotExist();
  }

  @Test
  void validateSaysWhichFileIsTheSourceAndPointsAtLinesOfThePyFile() throws IOException {
    Path course = course();

    TitoRun run = TitoRun.of("module", "validate", course.resolve("modules/01_tensor").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .startsWith(
            "note: "
                + course.resolve("modules/01_tensor/tensor.ipynb")
                + ": not checked or "
                + "released: tensor.py beside it is the source (the .ipynb is generated from it)\n");
    assertThat(run.out())
        .containsPattern("error +\\S+tensor.py +1  imports +14  solution cell 'imports'")
        .containsPattern(
            "warning +\\S+tensor.py +1  imports +14  3 cells have nbgrader metadata of schema version 0")
        .endsWith("1 notebook checked: 1 error, 1 warning\n");
    assertThat(run.out().indexOf("error "))
        .as("errors come first")
        .isLessThan(run.out().indexOf("3 cells have"));
  }
}
