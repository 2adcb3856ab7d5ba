package dev.tito.gateway.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.tito.controlplane.RealApiServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chart's HTTPRoute against Gateway API's own HTTPRoute CRD (v1.6.1, standard channel, unchanged from
 * kubernetes-sigs/gateway-api), whose schema and CEL rules a real API server enforces.
 */
class GatewayHttpRouteOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();

  @Test
  void aClusterWithGatewayApiTakesTheChartsRouteForThePublicHost() throws Exception {
    try (InputStream crd =
        GatewayHttpRouteOnRealApiServerTest.class.getResourceAsStream(
            "/gateway-api/httproutes-v1.6.1.yaml")) {
      api.admin().apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
    api.admin()
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("httproutes.gateway.networking.k8s.io")
        .waitUntilCondition(GatewayHttpRouteOnRealApiServerTest::established, 1, TimeUnit.MINUTES);
    String system = api.createNamespace("tito-route");

    new Helm(GatewayRbacOnRealApiServerTest.CHART)
        .install()
        .withName("tito")
        .withNamespace(system)
        .withKubeConfigContents(api.controlPlane().adminKubeconfig())
        .set("watchNamespaces[0]", api.namespace())
        .set("gateway.enabled", true)
        .set("gateway.publicUrl", "https://classes.example.edu")
        .set("gateway.oidc.issuer", "https://login.example.edu")
        .set("gateway.oidc.clientId", "tito")
        .set("gateway.oidc.clientSecret.name", "tito-oidc")
        .set("gateway.ingress.enabled", false)
        .set("gateway.httpRoute.enabled", true)
        .set("gateway.httpRoute.parentRefs[0].name", "classes")
        .set("gateway.httpRoute.parentRefs[0].namespace", "gateways")
        .set("gateway.httpRoute.parentRefs[0].sectionName", "https")
        .call();

    HTTPRoute route =
        api.admin()
            .resources(HTTPRoute.class)
            .inNamespace(system)
            .withName("tito-tito-operator-gateway")
            .get();
    assertThat(route.getSpec().getHostnames()).containsExactly("classes.example.edu");
    assertThat(route.getSpec().getRules())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getBackendRefs())
                    .singleElement()
                    .satisfies(
                        backend -> {
                          assertThat(backend.getKind())
                              .as("defaulted by the CRD")
                              .isEqualTo("Service");
                          assertThat(backend.getName()).isEqualTo("tito-tito-operator-gateway");
                          assertThat(backend.getPort()).isEqualTo(80);
                        }));
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
  }
}
