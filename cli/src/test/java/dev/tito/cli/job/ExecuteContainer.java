package dev.tito.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.notebook.execute.ExecuteCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The grading Job's execute container, run locally: its command ({@link ExecuteCommand}) with Debian's Jupyter. */
final class ExecuteContainer {
  static final String NEEDS_JUPYTER =
      "needs Debian's Jupyter: /usr/bin/python3 -m nbconvert with ipykernel";
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private ExecuteContainer() {}

  static boolean jupyterInstalled() throws InterruptedException {
    try {
      Process check =
          new ProcessBuilder(PYTHON.toString(), "-c", "import nbconvert, ipykernel").start();
      return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** What the step did: its exit code and everything it printed. */
  record Exit(int code, String log) {}

  /** Every notebook prepare wrote, run in {@code <work>/prepared}; the step must exit 0. */
  static void run(Path work) throws Exception {
    Exit exit = run(work, PYTHON);
    assertThat(exit.code()).as(exit.log()).isZero();
  }

  /** The step with {@code python} as the image's python3 (the step runs its worker with that same Python). */
  static Exit run(Path work, Path python) throws Exception {
    List<String> notebooks;
    try (Stream<Path> files = Files.list(work.resolve("prepared"))) {
      notebooks =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".ipynb"))
              .sorted()
              .toList();
    }
    List<String> command = new ArrayList<>(ExecuteCommand.of(work.toString(), notebooks));
    // the environment is cleared, which a python3 first on this JVM's PATH (a pyenv shim) may not
    // survive
    command.set(0, python.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.resolve("prepared").toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("execute.log").toFile());
    builder.environment().clear();
    builder.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8"));
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("nbconvert finishes").isTrue();
    return new Exit(process.exitValue(), Files.readString(work.resolve("execute.log")));
  }
}
