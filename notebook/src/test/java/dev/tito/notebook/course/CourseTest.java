package dev.tito.notebook.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tito.notebook.gates.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseTest {
  @TempDir Path dir;

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void findsModulesInNbgraderAndTinyTorchLayouts() throws IOException {
    write("source/ps1/problem1.ipynb", "{}");
    write("source/ps1/data.csv", "a,b");
    write("src/02_activations/02_activations.py", "# %%\n");
    write("src/02_activations/helpers.py", "x = 1\n");
    write("src/notes/notes.py", "# %%\n");
    write("modules/03_layers/layers_dev.py", "# %%\n");
    write("modules/03_layers/helpers.py", "x = 1\n");
    write("modules/04_losses/losses.py", "# %% nbgrader={\"grade\": false}\n");
    write("modules/04_losses/losses.ipynb", "{}");
    write("modules/04_losses/ABOUT.md", "# Losses");

    Course course = Course.open(dir);

    assertThat(course.modules())
        .extracting(CourseModule::name)
        .containsExactly("02_activations", "03_layers", "04_losses", "ps1");
    assertThat(course.requireModule("ps1").notebooks())
        .containsExactly(dir.resolve("source/ps1/problem1.ipynb"));
    assertThat(course.requireModule("02_activations").notebooks())
        .containsExactly(dir.resolve("src/02_activations/02_activations.py"));
    assertThat(course.requireModule("03_layers").notebooks())
        .containsExactly(dir.resolve("modules/03_layers/layers_dev.py"));
    assertThat(course.requireModule("04_losses").notebooks())
        .containsExactly(dir.resolve("modules/04_losses/losses.py"));
    assertThat(course.releaseDir("ps1")).isEqualTo(dir.resolve("release/ps1"));
    assertThat(course.gradebookFile("ps1")).isEqualTo(dir.resolve(".tito/ps1.json"));
  }

  @Test
  void unknownModuleListsTheModulesThereAre() throws IOException {
    write("source/ps1/problem1.ipynb", "{}");

    assertThatThrownBy(() -> Course.open(dir).requireModule("ps9"))
        .isInstanceOf(CourseException.class)
        .hasMessage(dir + ": no module ps9 (modules: ps1)");
  }

  @Test
  void aModuleInTwoLayoutsIsAnError() throws IOException {
    write("source/01_x/a.ipynb", "{}");
    write("src/01_x/01_x.py", "# %%\n");

    assertThatThrownBy(() -> Course.open(dir))
        .hasMessage(
            dir
                + ": module 01_x is in both source/ and src/: choose the "
                + "folder that holds the course with --layout source or --layout src");
  }

  @Test
  void tinyTorchsTwoLayoutsAreOneLineCountingTheModulesAndTheChoiceOpensOne() throws IOException {
    for (String module : new String[] {"01_tensor", "02_activations", "03_layers", "04_losses"}) {
      String name = module.substring(3);
      write("src/" + module + "/" + module + ".py", "# %%\n");
      write("modules/" + module + "/" + name + ".py", "# %%\n");
    }

    assertThatThrownBy(() -> Course.open(dir))
        .hasMessage(
            dir
                + ": 4 modules (01_tensor, 02_activations, 03_layers and 1 "
                + "more) are in both src/ and modules/: choose the folder that holds the course with --layout modules or --layout src");
    Course modules = Course.open(dir, CourseModule.Layout.TINYTORCH_MODULES);
    assertThat(modules.modules())
        .hasSize(4)
        .allSatisfy(module -> assertThat(module.sourceDir()).startsWith(dir.resolve("modules")));
    assertThat(modules.requireModule("01_tensor").notebooks())
        .containsExactly(dir.resolve("modules/01_tensor/tensor.py"));
  }

  @Test
  void aModuleFolderWhoseSourceIsPlainPythonIsStillAModuleWithAProblem() throws IOException {
    write("modules/01_tensor/tensor.py", "import numpy as np\n");

    CourseModule module = Course.open(dir).requireModule("01_tensor");

    assertThat(module.notebooks()).isEmpty();
    assertThat(module.sources().problems())
        .extracting(Finding::describe)
        .containsExactly(
            dir.resolve("modules/01_tensor/tensor.py")
                + ": error: plain Python, no '# %%' cell markers: the module's source must be a jupytext percent notebook");
  }

  @Test
  void missingOrFileCourseFolderIsAnError() throws IOException {
    assertThatThrownBy(() -> Course.open(dir.resolve("nope")))
        .hasMessage(dir.resolve("nope") + ": no such course folder");
    Path file = write("file.txt", "x");
    assertThatThrownBy(() -> Course.open(file)).hasMessageStartingWith(file + ": not a folder");
  }

  @Test
  void notebookFilesDispatchOnTheExtension() throws IOException {
    Path py = write("m.py", "# %%\nx = 1\n");
    Path ipynb =
        write(
            "m.ipynb", "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
    Path text = write("m.txt", "hello");

    assertThat(NotebookFiles.read(py).cells()).hasSize(1);
    assertThat(NotebookFiles.read(ipynb).cells()).isEmpty();
    assertThatThrownBy(() -> NotebookFiles.read(text))
        .hasMessageStartingWith(text + ": not a notebook");
    assertThatThrownBy(() -> NotebookFiles.read(dir.resolve("gone.ipynb")))
        .hasMessage(dir.resolve("gone.ipynb") + ": no such file");
  }
}
