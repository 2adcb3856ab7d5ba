package dev.tito.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tito demo}'s refusals: one line each, exit code 2, before anything starts. */
class DemoCommandTest {
  @Test
  void aTimeoutThatIsNoDurationIsOneLine() {
    Result result = run("demo", "--timeout", "soon");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err)
        .isEqualTo("tito demo: --timeout must be a duration like 90s, 10m or 1h, got 'soon'\n");
  }

  @Test
  void aSamplesFolderWithoutTheManifestsNamesTheMissingFile(@TempDir Path empty) {
    Result result = run("demo", "--samples", empty.toString());

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err)
        .isEqualTo(
            "tito demo: "
                + empty.resolve("classroom.yaml")
                + ": no such file (--samples names the folder of the sample manifests)\n");
  }

  @Test
  void missingJupyterSaysWhatToInstall(@TempDir Path folder) {
    LocalImages noJupyter =
        new LocalImages(List.of("tito"), List.of(folder.resolve("no-python").toString()));
    Demo demo =
        new Demo(
            new Demo.Settings(
                SamplesTest.SAMPLES,
                "01_tensor",
                folder,
                Duration.ofMinutes(1),
                1,
                noJupyter,
                ApiChoice.inProcess()),
            System.out);

    assertThatThrownBy(demo::run)
        .isInstanceOf(Demo.DemoException.class)
        .hasMessage(
            "Jupyter is needed to execute notebooks: sudo apt-get install jupyter-nbconvert python3-ipykernel python3-numpy");
  }

  @Test
  void anApiThatIsNeitherInProcessNorRealNorAutoIsOneLine() {
    Result result = run("demo", "--api", "sideways");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err)
        .isEqualTo("tito demo: --api must be in-process, real or auto, got 'sideways'\n");
  }

  @Test
  void theDemoIsASubcommandOfTito() {
    Result result = run("--help");

    assertThat(result.exitCode).isZero();
    assertThat(result.out).contains("demo", "module", "grades");
  }

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = TitoWithDemo.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }
}
