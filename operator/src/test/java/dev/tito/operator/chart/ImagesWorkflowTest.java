package dev.tito.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The publishing workflow cannot run here: what it builds, checks and pushes is read from it and held to the chart. */
class ImagesWorkflowTest {
  private static final Path ROOT = Path.of("..");
  private static final Path BUILD = ROOT.resolve("images/build-local.sh");
  private static final Path CHECK = ROOT.resolve("images/check-images.sh");
  private static final JsonNode WORKFLOW = read(".github/workflows/images.yml");
  private static final JsonNode STEPS = WORKFLOW.path("jobs").path("images").path("steps");

  @Test
  void theChartsDefaultImageIsTheOneTheWorkflowPushes() throws IOException, InterruptedException {
    String prefix = WORKFLOW.path("env").path("TITO_IMAGE_PREFIX").asText();
    String appVersion = read("helm/tito-operator/Chart.yaml").path("appVersion").asText();
    String chartImage =
        RenderedChart.withDefaults()
            .one(Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getImage();

    assertThat(prefix).startsWith("ghcr.io/");
    assertThat(chartImage).isEqualTo(prefix + "/tito-operator:" + appVersion);
    // the scripts build and check the images the push step pushes: the prefix it is given, the
    // chart's appVersion
    assertThat(gatewayImage()).isEqualTo(prefix + "/tito-gateway:" + appVersion);
    assertThat(imageNames(Map.of()))
        .containsExactly(
            prefix + "/tito-operator:" + appVersion,
            prefix + "/tito-gateway:" + appVersion,
            prefix + "/tito-sample-course:" + appVersion);
    assertThat(
            imageNames(
                Map.of("TITO_IMAGE_PREFIX", "registry.example.edu/t", "TITO_IMAGE_TAG", "1.2.3")))
        .containsExactly(
            "registry.example.edu/t/tito-operator:1.2.3",
            "registry.example.edu/t/tito-gateway:1.2.3",
            "registry.example.edu/t/tito-sample-course:1.2.3");
    assertThat(List.of(Files.readString(BUILD), Files.readString(CHECK)))
        .allSatisfy(script -> assertThat(script).contains(". \"$repo/images/names.sh\""));
    assertThat(step("Push").path("run").asText())
        .contains("for name in tito-operator tito-gateway tito-sample-course")
        .contains("podman push --digestfile \"$name.digest\" \"$TITO_IMAGE_PREFIX/$name:$version\"")
        .contains("helm/tito-operator/Chart.yaml")
        .contains("image.digest=");
  }

  @Test
  void bothImagesAreBuiltAndCheckedBeforeAnythingIsPushed() {
    List<String> runs = new ArrayList<>();
    STEPS.forEach(step -> runs.add(step.path("run").asText()));
    int build = indexOf(runs, "images/build-local.sh");
    int check = indexOf(runs, "images/check-images.sh");
    int push = indexOf(runs, "podman push");

    assertThat(build).isNotNegative().isLessThan(check);
    assertThat(check).isLessThan(push);
    assertThat(STEPS.get(push).path("if").asText())
        .isEqualTo("github.event_name != 'pull_request'");
    // a local CA (TITO_EXTRA_CA_CERTS) would end up in the published course image
    assertThat(runs).noneMatch(run -> run.contains("TITO_EXTRA_CA_CERTS"));
    assertThat(BUILD).isExecutable();
    assertThat(CHECK).isExecutable();
  }

  @Test
  void aReleaseTagMustBeTheChartsAppVersionAndThePushMayWritePackages() {
    assertThat(WORKFLOW.path("on").path("push").path("tags").get(0).asText()).isEqualTo("v*");
    assertThat(WORKFLOW.path("permissions").path("packages").asText()).isEqualTo("write");
    JsonNode tagCheck = step("release tag");
    assertThat(tagCheck.path("if").asText()).isEqualTo("startsWith(github.ref, 'refs/tags/')");
    assertThat(tagCheck.path("run").asText())
        .contains("helm/tito-operator/Chart.yaml")
        .contains("\"v$version\"")
        .contains("exit 1");
  }

  @Test
  void ciBuildsAndChecksTheImagesTheWayTheWorkflowDoes() throws IOException {
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    Matcher build = Pattern.compile("(?m)^.*images/build-local\\.sh$").matcher(ci);

    assertThat(build.find()).as(".ci/run builds the images").isTrue();
    assertThat(ci.substring(build.end()))
        .contains("\nimages/check-images.sh")
        .containsPattern(
            "-pl operator .*-Pimages -Dtest='?[\\w,]*"
                + OperatorImageOnRealApiServerTest.class.getSimpleName())
        .containsPattern(
            "-pl demo .*-Pimages -Dtest='Podman\\*Test,GradingJobInTheCourseImageTest'");
    assertThat(ci).contains("podman runc debootstrap").contains("default_ulimits = []");
  }

  /** The gateway's image in the chart's default values, with the gateway switched on. */
  private static String gatewayImage() {
    return RenderedChart.with(
            Map.of(
                "gateway.enabled",
                true,
                "gateway.publicUrl",
                "https://classes.example.edu",
                "gateway.oidc.issuer",
                "https://login.example.edu",
                "gateway.oidc.clientId",
                "tito",
                "gateway.oidc.clientSecret.name",
                "tito-oidc"))
        .all(Deployment.class)
        .stream()
        .filter(d -> d.getMetadata().getName().endsWith("-gateway"))
        .findFirst()
        .orElseThrow()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  /** The operator, gateway and course image names images/names.sh gives build-local.sh and check-images.sh. */
  private static List<String> imageNames(Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder names =
        new ProcessBuilder(
                "bash",
                "-c",
                "repo=\"$0\"; . \"$repo/images/names.sh\"; echo \"$operator_image\"; echo \"$gateway_image\"; echo \"$course_image\"",
                ROOT.toAbsolutePath().normalize().toString())
            .redirectErrorStream(true);
    names.environment().remove("TITO_IMAGE_PREFIX");
    names.environment().remove("TITO_IMAGE_TAG");
    names.environment().putAll(environment);
    Process process = names.start();
    String out =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    return out.lines().toList();
  }

  private static JsonNode step(String nameContains) {
    for (JsonNode step : STEPS) {
      if (step.path("name").asText().contains(nameContains)) {
        return step;
      }
    }
    throw new AssertionError(
        "no step named '" + nameContains + "' in .github/workflows/images.yml");
  }

  private static int indexOf(List<String> runs, String text) {
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode read(String path) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve(path).toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
