package dev.tito.operator.chart;

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
