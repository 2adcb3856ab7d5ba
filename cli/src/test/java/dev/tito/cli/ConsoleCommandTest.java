package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** tito console's options that cannot go together: one line each, exit 2, before anything is started. */
class ConsoleCommandTest {

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("-n physics", "tito: --namespace goes with --cluster"),
        Arguments.of(
            "--cluster -n physics,chem",
            "tito: one --namespace at a time on this machine (several go with --behind-gateway)"),
        Arguments.of(
            "--behind-gateway https://classes.example.edu",
            "tito: --behind-gateway goes with --cluster"),
        Arguments.of(
            "--cluster --behind-gateway https://classes.example.edu",
            "tito: --behind-gateway needs the namespaces it serves: --namespace NS[,NS...]"),
        Arguments.of(
            "--cluster -n physics --behind-gateway classes.example.edu",
            "tito: --behind-gateway must be the gateway's http(s) address, got classes.example.edu"),
        Arguments.of(
            "--cluster -n physics --behind-gateway https://classes.example.edu",
            "tito: TITO_CONSOLE_KEY must hold the key the gateway signs with, at least 32 bytes"
                + " (the chart sets it from its console Secret)"),
        Arguments.of(
            "--port 70000",
            "tito: --port must be from 1 to 65535 (or left out for a free port), not 70000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void optionsThatCannotGoTogetherAreOneLineAndExitTwo(String options, String line) {
    assumeTrue(System.getenv(ConsoleCommand.KEY_VARIABLE) == null, "no console key set here");
    StringWriter err = new StringWriter();
    CommandLine cli = Tito.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute(("console " + options).split(" "));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo(line);
  }
}
