package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.testing.SampleCourse;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./tito} launcher of the repository, run on a copy of its layout. */
class LauncherTest {
  @Test
  void withoutJupyterTheArchiveIsStillTrainedAndTheCommandRuns(@TempDir Path root)
      throws Exception {
    Process tito = launcher(root).start();
    String out = new String(tito.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(tito.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(tito.exitValue()).isZero();
    assertThat(out).startsWith("Usage: tito ");
    assertThat(Files.readString(root.resolve("stderr"))).isEmpty();
    assertThat(root.resolve("cli/target/tito.jsa")).exists();
  }

  @Test
  void aTrainingThatFailsCostsOnlyTheArchiveNotTheCommand(@TempDir Path root) throws Exception {
    ProcessBuilder launcher = launcher(root);
    // the training's release fails on a notebook that is not JSON
    try (Stream<Path> notebooks = Files.walk(root.resolve("samples/course/source"))) {
      for (Path notebook : notebooks.filter(p -> p.toString().endsWith(".ipynb")).toList()) {
        Files.writeString(notebook, "{");
      }
    }

    Process tito = launcher.start();
    String out = new String(tito.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(tito.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(tito.exitValue()).isZero();
    assertThat(out).startsWith("Usage: tito ");
    assertThat(Files.readString(root.resolve("stderr"))).isEmpty();
    assertThat(root.resolve("cli/target/tito.jsa")).doesNotExist();
  }

  /**
   * {@code tito --help} through a copy of the launcher in {@code root}, with the sample course to train its archive on,
   * tito's classes (through a jar of the test's class path) and no Python (the training's grade stops at once).
   */
  private static ProcessBuilder launcher(Path root) throws Exception {
    Files.copy(Path.of("..", "tito"), root.resolve("tito"));
    root.resolve("tito").toFile().setExecutable(true);
    SampleCourse.in(root.resolve("samples"));
    writeJarOfTheTestClassPath(root.resolve("cli/target/tito.jar"));
    ProcessBuilder launcher =
        new ProcessBuilder(root.resolve("tito").toString(), "--help")
            .redirectError(root.resolve("stderr").toFile());
    launcher.environment().put("TITO_PYTHON", root.resolve("no-python").toString());
    launcher.environment().remove("TITO_JAVA_OPTS");
    return launcher;
  }

  /** A jar of only a manifest: tito's main class, on this test's class path. */
  private static void writeJarOfTheTestClassPath(Path jar) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Tito.class.getName());
    manifest
        .getMainAttributes()
        .put(
            Attributes.Name.CLASS_PATH,
            Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toUri().toString())
                .collect(Collectors.joining(" ")));
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.flush();
    }
  }
}
