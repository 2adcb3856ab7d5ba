package dev.tito.notebook.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalJupyterTest {

  @Test
  void titoPythonChoosesTheInterpreter() {
    assertThat(LocalJupyter.python(Map.of("TITO_PYTHON", "/opt/py/bin/python")))
        .isEqualTo(Path.of("/opt/py/bin/python"));
    assertThat(LocalJupyter.python(Map.of())).isEqualTo(Path.of("/usr/bin/python3"));
    assertThat(LocalJupyter.python(Map.of("TITO_PYTHON", " ")))
        .isEqualTo(Path.of("/usr/bin/python3"));
  }

  @Test
  void aMissingInterpreterSaysHowToInstallJupyter(@TempDir Path dir) {
    assertThatThrownBy(() -> LocalJupyter.require(dir.resolve("python3")))
        .isInstanceOf(LocalJupyter.JupyterMissingException.class)
        .hasMessageStartingWith(
            "no Python at "
                + dir.resolve("python3")
                + " to run notebooks: install it with: sudo apt-get install");
  }

  @Test
  void aPythonWithoutNbconvertIsNamed(@TempDir Path dir) throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeThat(Files.isExecutable(python)).as("needs /usr/bin/python3").isTrue();
    // -S -I: no site-packages, so neither nbconvert nor ipykernel can be found
    Path isolated = dir.resolve("python-without-jupyter");
    Files.writeString(isolated, "#!/bin/sh\nexec /usr/bin/python3 -S -I \"$@\"\n");
    isolated.toFile().setExecutable(true);

    assertThatThrownBy(() -> LocalJupyter.require(isolated))
        .hasMessage(
            isolated + " has no nbconvert and ipykernel to run notebooks: " + LocalJupyter.INSTALL);
  }

  @Test
  void debiansJupyterPasses() {
    Path python = Path.of("/usr/bin/python3");
    assumeThat(Files.isExecutable(python)).as("needs /usr/bin/python3").isTrue();
    LocalJupyter.require(python);
  }
}
