package dev.tito.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.tito.controlplane.RealApiServer;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What {@code helm install} does with a rendered chart: CRDs from crds/ first, then every rendered object. */
final class ChartInstall {
  private ChartInstall() {}

  static void apply(KubernetesClient client, RenderedChart chart) {
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(RenderedChart.NAMESPACE)
                .endMetadata()
                .build())
        .create();
    try (Stream<Path> crds = Files.list(RenderedChart.CHART.resolve("crds"))) {
      for (Path crd : crds.sorted().toList()) {
        try (InputStream yaml = Files.newInputStream(crd)) {
          client.load(yaml).create();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (HasMetadata object : chart.objects()) {
      client.resource(object).create();
    }
  }

  /** The chart installed by Helm, and its operator's Deployment. */
  record Installed(Release release, Deployment deployment) {
    /** The operator's ServiceAccount. */
    String account() {
      return deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
    }

    /** Who the operator's requests are made as, in the audit log. */
    String user() {
      return "system:serviceaccount:" + deployment.getMetadata().getNamespace() + ":" + account();
    }

    /** The operator pod's environment, with its ServiceAccount's token as the client's credential. */
    Map<String, String> operatorEnvironmentWithToken(RealApiServer api) {
      Map<String, String> env = new LinkedHashMap<>(operatorEnvironment(deployment));
      env.put(
          "KUBERNETES_AUTH_TOKEN",
          api.controlPlane()
              .serviceAccountToken(deployment.getMetadata().getNamespace(), account()));
      return env;
    }
  }

  /** {@code helm install tito} into {@code system}, watching {@code course}, with one replica. */
  static Installed helmInstall(RealApiServer api, String system, String course) {
    Release release =
        new Helm(RenderedChart.CHART)
            .install()
            .withName("tito")
            .withNamespace(system)
            .withKubeConfigContents(api.controlPlane().adminKubeconfig())
            .set("watchNamespaces[0]", course)
            .set("replicas", 1)
            .call();
    Deployment deployment =
        api.admin()
            .apps()
            .deployments()
            .inNamespace(system)
            .withLabel("app.kubernetes.io/instance", "tito")
            .list()
            .getItems()
            .get(0);
    return new Installed(release, deployment);
  }

  /** The operator container's environment as the kubelet would set it in the Deployment's pod. */
  static Map<String, String> operatorEnvironment(Deployment deployment) {
    List<EnvVar> env =
        deployment.getSpec().getTemplate().getSpec().getContainers().stream()
            .filter(c -> c.getName().equals("operator"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the Deployment has no container named operator"))
            .getEnv();
    Map<String, String> resolved = new LinkedHashMap<>();
    for (EnvVar variable : env) {
      if (variable.getValueFrom() == null) {
        resolved.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
      } else if (variable.getValueFrom().getFieldRef() != null
          && variable.getValueFrom().getFieldRef().getFieldPath().equals("metadata.namespace")) {
        resolved.put(variable.getName(), deployment.getMetadata().getNamespace());
      } else {
        throw new AssertionError(
            "the test cannot resolve " + variable.getName() + " from " + variable.getValueFrom());
      }
    }
    return resolved;
  }
}
