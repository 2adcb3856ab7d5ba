package dev.tito.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a new user sees when a command is incomplete or mistyped, and in the help lists. */
class UsageAndHelpTest {
  @Test
  void titoWithoutACommandPrintsItsHelpAndExitsTwo() {
    TitoRun run = TitoRun.of();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Usage: tito ").contains("Commands:");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aGroupWithoutItsSubcommandPrintsItsHelpAndExitsTwo() {
    for (String group : List.of("module", "classroom", "grades")) {
      TitoRun run = TitoRun.of(group);

      assertThat(run.exitCode()).as(group).isEqualTo(2);
      assertThat(run.err()).as(group).startsWith("Usage: tito " + group);
    }
  }

  @Test
  void aUsageErrorIsOneLineNamingTheHelpCommand() {
    TitoRun typo = TitoRun.of("module", "relase", "--all");
    TitoRun option = TitoRun.of("module", "validate", "--jsn", "x.ipynb");

    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err())
        .isEqualTo(
            "tito: module: Unmatched arguments from index 1: 'relase', '--all' (did you mean "
                + "release?); see: tito module --help\n");
    assertThat(option.err())
        .hasLineCount(1)
        .startsWith("tito: module validate: Unknown option: '--jsn'")
        .endsWith("; see: tito module validate --help\n");
  }

  @Test
  void everyCommandInAHelpListIsAWholeSentence() {
    List<String> cut = new ArrayList<>();
    collect(Tito.commandLine(), cut);

    assertThat(cut).as("commands whose help list shows half a sentence").isEmpty();
  }

  private static void collect(CommandLine command, List<String> cut) {
    for (CommandLine sub : command.getSubcommands().values()) {
      String[] description = sub.getCommandSpec().usageMessage().description();
      if (!sub.getCommandSpec().usageMessage().hidden()
          && description.length > 0
          && !description[0].strip().endsWith(".")) {
        cut.add(sub.getCommandSpec().qualifiedName() + ": " + description[0]);
      }
      collect(sub, cut);
    }
  }

  @Test
  void withoutAKubeconfigTheClusterCommandsSaySoAtOnce() {
    Path home = Path.of("/home/ada");
    Set<Path> none = Set.of();

    Optional<String> nothing = ClusterConnection.missingKubeconfig(Map.of(), home, none::contains);
    Optional<String> wrongPath =
        ClusterConnection.missingKubeconfig(Map.of("KUBECONFIG", "/tmp/kc"), home, none::contains);
    Optional<String> homeConfig =
        ClusterConnection.missingKubeconfig(
            Map.of(), home, Set.of(home.resolve(".kube/config"))::contains);
    Optional<String> inAPod =
        ClusterConnection.missingKubeconfig(
            Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"),
            home,
            Set.of(ClusterConnection.SERVICE_ACCOUNT_TOKEN)::contains);

    assertThat(nothing)
        .hasValue(
            "no kubeconfig: KUBECONFIG is not set and /home/ada/.kube/config does not exist; "
                + "point KUBECONFIG at your cluster's kubeconfig (as for kubectl)");
    assertThat(wrongPath)
        .hasValue(
            "no kubeconfig: KUBECONFIG is /tmp/kc, which does not exist; point it at your "
                + "cluster's kubeconfig");
    assertThat(homeConfig).isEmpty();
    assertThat(inAPod).isEmpty();
  }

  @Test
  void aMissingKubeconfigIsOneLineAndExitTwo() {
    CommandLine tito =
        Tito.commandLineOn(
            namespace -> {
              throw new ClusterConnection.NoClusterException(
                  "no kubeconfig: KUBECONFIG is not set");
            });
    java.io.StringWriter err = new java.io.StringWriter();
    tito.setErr(new java.io.PrintWriter(err, true));

    int exit = tito.execute("classroom", "status");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("tito: no kubeconfig: KUBECONFIG is not set\n");
  }
}
