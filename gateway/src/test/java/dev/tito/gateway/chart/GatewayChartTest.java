package dev.tito.gateway.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a platform team gets from the chart's gateway values, rendered by real Helm. */
class GatewayChartTest {
  static final Map<String, Object> ENABLED =
      Map.of(
          "gateway.enabled",
          true,
          "gateway.publicUrl",
          "https://classes.example.edu/",
          "gateway.oidc.issuer",
          "https://accounts.google.com",
          "gateway.oidc.clientId",
          "tito.apps.example.edu",
          "gateway.oidc.clientSecret.name",
          "tito-oidc",
          "gateway.ingress.tlsSecretName",
          "classes-tls",
          "watchNamespaces[0]",
          "ml",
          "watchNamespaces[1]",
          "physics");

  @Test
  void theGatewayIsOffUntilAskedFor() {
    assertThat(render(Map.of())).noneMatch(o -> o.getMetadata().getName().contains("gateway"));
  }

  @Test
  void anEnabledGatewayServesTheHostOfItsPublicUrlWithItsSettingsFromValuesAndSecrets() {
    List<HasMetadata> objects = render(ENABLED);

    Deployment deployment =
        objects.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .filter(d -> d.getMetadata().getName().equals("tito-tito-operator-gateway"))
            .findFirst()
            .orElseThrow();
    Map<String, EnvVar> env =
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
            .collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertThat(env.get("TITO_GATEWAY_PUBLIC_URL").getValue())
        .isEqualTo("https://classes.example.edu");
    assertThat(env.get("TITO_GATEWAY_NAMESPACES").getValue()).isEqualTo("ml,physics");
    assertThat(env.get("TITO_OIDC_CLIENT_SECRET").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("tito-oidc");
    assertThat(env.get("TITO_SESSION_KEY").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("tito-tito-operator-gateway-session");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "tito-gateway");
    Ingress ingress =
        objects.stream()
            .filter(Ingress.class::isInstance)
            .map(Ingress.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(ingress.getSpec().getRules())
        .singleElement()
        .satisfies(r -> assertThat(r.getHost()).isEqualTo("classes.example.edu"));
    assertThat(ingress.getSpec().getTls())
        .singleElement()
        .satisfies(t -> assertThat(t.getSecretName()).isEqualTo("classes-tls"));
    assertThat(objects)
        .filteredOn(
            o -> o.getKind().equals("Role") && o.getMetadata().getName().endsWith("-gateway"))
        .extracting(o -> o.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("ml", "physics");
  }

  @Test
  void anEnabledGatewayWithoutItsProviderSettingsIsRefusedNamingEachMissingValue() {
    assertThatThrownBy(() -> render(Map.of("gateway.enabled", true)))
        .hasMessageContaining("/gateway/publicUrl")
        .hasMessageContaining("/gateway/oidc/issuer")
        .hasMessageContaining("/gateway/oidc/clientSecret/name");
    assertThatThrownBy(
            () ->
                render(
                    Map.of(
                        "gateway.enabled",
                        true,
                        "gateway.publicUrl",
                        "https://classes.example.edu/lab",
                        "gateway.oidc.issuer",
                        "https://accounts.google.com",
                        "gateway.oidc.clientId",
                        "x",
                        "gateway.oidc.clientSecret.name",
                        "s")))
        .hasMessageContaining("/gateway/publicUrl");
  }

  @Test
  void aGatewayApiRouteServesTheSameHostThroughTheNamedGatewayInsteadOfTheIngress() {
    Map<String, Object> values = new HashMap<>(ENABLED);
    values.putAll(
        Map.of(
            "gateway.publicUrl",
            "https://classes.example.edu:443/",
            "gateway.ingress.enabled",
            false,
            "gateway.httpRoute.enabled",
            true,
            "gateway.httpRoute.parentRefs[0].name",
            "classes",
            "gateway.httpRoute.parentRefs[0].namespace",
            "gateways",
            "gateway.httpRoute.parentRefs[0].sectionName",
            "https"));
    List<HasMetadata> objects = render(values);

    assertThat(objects).noneMatch(Ingress.class::isInstance);
    HTTPRoute route =
        objects.stream()
            .filter(HTTPRoute.class::isInstance)
            .map(HTTPRoute.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(route.getSpec().getHostnames()).containsExactly("classes.example.edu");
    assertThat(route.getSpec().getParentRefs())
        .singleElement()
        .satisfies(
            parent -> {
              assertThat(parent.getName()).isEqualTo("classes");
              assertThat(parent.getNamespace()).isEqualTo("gateways");
              assertThat(parent.getSectionName()).isEqualTo("https");
            });
    assertThat(route.getSpec().getRules())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getBackendRefs())
                    .singleElement()
                    .satisfies(
                        backend -> {
                          assertThat(backend.getName()).isEqualTo("tito-tito-operator-gateway");
                          assertThat(backend.getPort()).isEqualTo(80);
                        }));
  }

  @Test
  void aGatewayApiRouteWithoutTheGatewayItAttachesToIsRefused() {
    Map<String, Object> values = new HashMap<>(ENABLED);
    values.put("gateway.httpRoute.enabled", true);
    assertThatThrownBy(() -> render(values)).hasMessageContaining("/gateway/httpRoute/parentRefs");
  }

  @Test
  void aServerDomainGivesEveryServerAHostUnderItsWildcardOnTheIngressAndTheRoute() {
    Map<String, Object> values = new HashMap<>(ENABLED);
    values.put("gateway.serverDomain", "servers.example.edu");
    values.put("gateway.ingress.serverTlsSecretName", "servers-wildcard-tls");
    List<HasMetadata> objects = render(values);

    Deployment deployment =
        objects.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .filter(d -> d.getMetadata().getName().equals("tito-tito-operator-gateway"))
            .findFirst()
            .orElseThrow();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("TITO_GATEWAY_SERVER_DOMAIN");
              assertThat(e.getValue()).isEqualTo("servers.example.edu");
            });
    Ingress ingress =
        objects.stream()
            .filter(Ingress.class::isInstance)
            .map(Ingress.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(ingress.getSpec().getRules())
        .extracting(r -> r.getHost())
        .containsExactly("classes.example.edu", "*.servers.example.edu");
    assertThat(ingress.getSpec().getTls())
        .extracting(t -> t.getHosts().get(0) + " " + t.getSecretName())
        .containsExactly(
            "classes.example.edu classes-tls", "*.servers.example.edu servers-wildcard-tls");

    values.put("gateway.ingress.enabled", false);
    values.put("gateway.httpRoute.enabled", true);
    values.put("gateway.httpRoute.parentRefs[0].name", "classes");
    HTTPRoute route =
        render(values).stream()
            .filter(HTTPRoute.class::isInstance)
            .map(HTTPRoute.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(route.getSpec().getHostnames())
        .containsExactly("classes.example.edu", "*.servers.example.edu");
  }

  @Test
  void aServerDomainThatIsNotADomainIsRefusedNamingTheValue() {
    for (String bad :
        List.of("*.servers.example.edu", "https://servers.example.edu", "Servers", "servers")) {
      Map<String, Object> values = new HashMap<>(ENABLED);
      values.put("gateway.serverDomain", bad);
      assertThatThrownBy(() -> render(values))
          .as(bad)
          .hasMessageContaining("/gateway/serverDomain");
    }
  }

  static List<HasMetadata> render(Map<String, Object> values) {
    TemplateCommand command =
        new Helm(GatewayRbacOnRealApiServerTest.CHART)
            .template()
            .withName("tito")
            .withNamespace("tito-system")
            .withKubeVersion("1.30.0");
    values.forEach(command::set);
    String yaml = command.call();
    return new KubernetesSerialization()
        .unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
