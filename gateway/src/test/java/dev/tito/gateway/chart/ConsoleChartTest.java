package dev.tito.gateway.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The instructors' console behind the gateway as the chart makes it (console.enabled), rendered by real Helm. */
class ConsoleChartTest {
  static final Map<String, Object> ENABLED = enabled();

  static Map<String, Object> enabled() {
    Map<String, Object> values = new HashMap<>(GatewayChartTest.ENABLED);
    values.put("console.enabled", true);
    return values;
  }

  @Test
  void theConsoleIsOffUntilAskedFor() {
    assertThat(render(GatewayChartTest.ENABLED))
        .noneMatch(o -> o.getMetadata().getName().contains("console"));
  }

  @Test
  void anEnabledConsoleRunsTheCommandLineBehindTheGatewayWithAKeyTheGatewaySharesAndNoOneElse() {
    List<HasMetadata> objects = render(ENABLED);

    Container console = container(objects, "tito-tito-operator-console");
    assertThat(console.getImage()).startsWith("ghcr.io/tito-dev/tito-operator:");
    assertThat(console.getCommand())
        .containsExactly(
            "/opt/tito/bin/tito",
            "console",
            "--cluster",
            "--behind-gateway",
            "https://classes.example.edu",
            "--namespace",
            "ml,physics",
            "--port",
            "8080");
    Map<String, EnvVar> consoleEnv = env(console);
    Map<String, EnvVar> gatewayEnv = env(container(objects, "tito-tito-operator-gateway"));
    assertThat(consoleEnv.get("TITO_CONSOLE_KEY").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("tito-tito-operator-console-key")
        .isEqualTo(gatewayEnv.get("TITO_CONSOLE_KEY").getValueFrom().getSecretKeyRef().getName());
    assertThat(gatewayEnv.get("TITO_GATEWAY_CONSOLE").getValue())
        .isEqualTo("tito-tito-operator-console.tito-system.svc:8080");
    assertThat(objects)
        .filteredOn(o -> o.getKind().equals("Secret"))
        .extracting(o -> o.getMetadata().getName())
        .contains("tito-tito-operator-console-key");
    NetworkPolicy policy =
        objects.stream()
            .filter(NetworkPolicy.class::isInstance)
            .map(NetworkPolicy.class::cast)
            .filter(p -> p.getMetadata().getName().equals("tito-tito-operator-console"))
            .findFirst()
            .orElseThrow();
    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getFrom())
                    .singleElement()
                    .satisfies(
                        from ->
                            assertThat(from.getPodSelector().getMatchLabels())
                                .containsEntry("app.kubernetes.io/name", "tito-gateway")));
  }

  @Test
  void theConsolesAccountIsBoundInEachWatchedNamespaceToReadTheClassAndWriteReviewsOnly() {
    List<HasMetadata> objects = render(ENABLED);

    assertThat(objects)
        .filteredOn(RoleBinding.class::isInstance)
        .map(RoleBinding.class::cast)
        .filteredOn(b -> b.getRoleRef().getName().equals("tito-system.tito-tito-operator-console"))
        .extracting(b -> b.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("ml", "physics");
    ClusterRole role =
        objects.stream()
            .filter(ClusterRole.class::isInstance)
            .map(ClusterRole.class::cast)
            .filter(r -> r.getMetadata().getName().equals("tito-system.tito-tito-operator-console"))
            .findFirst()
            .orElseThrow();
    Map<String, List<String>> verbs =
        role.getRules().stream()
            .flatMap(
                r -> r.getResources().stream().map(resource -> Map.entry(resource, r.getVerbs())))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(verbs)
        .containsOnlyKeys(
            "classrooms",
            "assignments",
            "submissions",
            "reviews",
            "configmaps",
            "pods",
            "statefulsets")
        .allSatisfy((resource, allowed) -> assertThat(allowed).doesNotContain("delete", "*"));
    assertThat(verbs.get("configmaps")).containsExactly("get");
    assertThat(verbs.get("reviews")).containsExactlyInAnyOrder("get", "list", "create", "update");
  }

  @Test
  void aConsoleWithoutTheGatewayOrWithEveryNamespaceIsRefusedInOneLine() {
    assertThatThrownBy(() -> render(Map.of("console.enabled", true, "watchNamespaces[0]", "ml")))
        .hasMessageContaining("console.enabled needs gateway.enabled");
    Map<String, Object> everywhere = new HashMap<>(ENABLED);
    everywhere.remove("watchNamespaces[0]");
    everywhere.remove("watchNamespaces[1]");
    everywhere.put("watchAllNamespaces", true);
    assertThatThrownBy(() -> render(everywhere))
        .hasMessageContaining("console.enabled needs watchNamespaces");
  }

  private static Container container(List<HasMetadata> objects, String deployment) {
    return objects.stream()
        .filter(Deployment.class::isInstance)
        .map(Deployment.class::cast)
        .filter(d -> d.getMetadata().getName().equals(deployment))
        .findFirst()
        .orElseThrow()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  private static Map<String, EnvVar> env(Container container) {
    return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
  }

  private static List<HasMetadata> render(Map<String, Object> values) {
    return GatewayChartTest.render(values);
  }
}
