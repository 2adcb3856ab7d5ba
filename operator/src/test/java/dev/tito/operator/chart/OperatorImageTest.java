package dev.tito.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.operator.OperatorConfig;
import dev.tito.operator.TitoOperator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operator image runs and where, checked against the chart without building it (images/check-images.sh
 * runs the built image).
 */
class OperatorImageTest {
  private static final Path IMAGE = Path.of("../images/operator");
  private static final Path DOCKERFILE = IMAGE.resolve("Dockerfile");
  private static final Container OPERATOR =
      RenderedChart.withDefaults()
          .one(Deployment.class)
          .getSpec()
          .getTemplate()
          .getSpec()
          .getContainers()
          .get(0);

  @Test
  void theChartRunsTheLauncherTheImageInstallsAsItsEntrypoint() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE);

    assertThat(OPERATOR.getCommand()).containsExactly("/opt/tito/bin/tito-operator");
    assertThat(dockerfile)
        .contains(
            "COPY --chmod=0555 images/operator/bin/tito-operator images/operator/bin/tito /opt/tito/bin/")
        .contains("ENTRYPOINT [\"" + OPERATOR.getCommand().get(0) + "\"]");
    assertThat(IMAGE.resolve("bin/tito-operator")).isExecutable();
    assertThat(IMAGE.resolve("bin/tito")).isExecutable();
  }

  @Test
  void theChartsConsoleRunsTheCommandLineTheImageInstalls() {
    Container console =
        RenderedChart.with(
                java.util.Map.of(
                    "console.enabled", true,
                    "gateway.enabled", true,
                    "gateway.publicUrl", "https://classes.example.edu",
                    "gateway.oidc.issuer", "https://login.example.edu",
                    "gateway.oidc.clientId", "tito",
                    "gateway.oidc.clientSecret.name", "tito-oidc",
                    "watchNamespaces[0]", "ml"))
            .named(Deployment.class, "tito-tito-operator-console")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);

    assertThat(console.getImage()).isEqualTo(OPERATOR.getImage());
    assertThat(console.getCommand().subList(0, 2)).containsExactly("/opt/tito/bin/tito", "console");
    assertThat(IMAGE.resolve("bin/tito")).isExecutable();
  }

  @Test
  void theImageUserIsThePodsNonRootUserAndItsHomeIsTheWritableTmp() throws IOException {
    PodSpec pod =
        RenderedChart.withDefaults().one(Deployment.class).getSpec().getTemplate().getSpec();
    Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(finalStage());

    assertThat(user.find()).as("a numeric USER in the final stage").isTrue();
    assertThat(Long.parseLong(user.group(1)))
        .isEqualTo(pod.getSecurityContext().getRunAsUser())
        .isNotZero();
    assertThat(Long.parseLong(user.group(2))).isEqualTo(pod.getSecurityContext().getRunAsGroup());
    assertThat(finalStage()).contains("HOME=/tmp").contains("WORKDIR /tmp");
    assertThat(OPERATOR.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
  }

  @Test
  void everyMavenModuleIsInTheBuildContext() throws IOException {
    String parent = Files.readString(Path.of("../pom.xml"));
    String dockerfile = Files.readString(DOCKERFILE);
    String ignore = Files.readString(IMAGE.resolve("Dockerfile.dockerignore"));
    List<String> modules =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(parent)
            .results()
            .map(m -> m.group(1))
            .toList();

    assertThat(modules)
        .isNotEmpty()
        .allSatisfy(
            module -> {
              assertThat(dockerfile).contains("COPY " + module + "/pom.xml " + module + "/");
              assertThat(ignore)
                  .contains("!" + module + "/pom.xml")
                  .contains("!" + module + "/src/main/**");
            });
  }

  @Test
  void theTitoLauncherRunsTheShadedCommandLineJar() throws IOException {
    String cliPom = Files.readString(Path.of("../cli/pom.xml"));

    assertThat(cliPom)
        .contains("<finalName>tito</finalName>")
        .contains("<mainClass>dev.tito.cli.Tito</mainClass>");
    assertThat(Files.readString(DOCKERFILE)).contains("cp cli/target/tito.jar /opt/tito/tito.jar");
    assertThat(Files.readString(IMAGE.resolve("bin/tito")))
        .contains("-jar \"$TITO_HOME/tito.jar\" \"$@\"")
        // the score step gets 384Mi (docs/grading-jobs.md); the JVM's default 25% heap would leave
        // it 96 MiB
        .contains("-XX:MaxRAMPercentage=70");
  }

  @Test
  void theOperatorLauncherStartsTheOperatorsMainWithTheChartsSettings(@TempDir Path titoHome)
      throws Exception {
    String javaOptions =
        OPERATOR.getEnv().stream()
            .filter(e -> e.getName().equals("JAVA_OPTS"))
            .findFirst()
            .orElseThrow()
            .getValue();
    // a setting the operator refuses: it must fail at once, naming the variable, before touching
    // any cluster
    Process process =
        OperatorProcess.launcher(
                titoHome, Map.of("JAVA_OPTS", javaOptions, OperatorConfig.WRITE_CONCURRENCY, "0"))
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher exits").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(output.strip())
        .startsWith("tito-operator: " + OperatorConfig.WRITE_CONCURRENCY)
        .doesNotContain("\n");
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readString(OperatorProcess.LAUNCHER)).contains(TitoOperator.class.getName());
  }

  private static String finalStage() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE);
    return dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
  }
}
