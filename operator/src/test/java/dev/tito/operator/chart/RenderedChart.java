package dev.tito.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The chart rendered by real Helm (helm-java), as Fabric8 objects. */
record RenderedChart(String yaml, List<HasMetadata> objects) {
  static final Path CHART = Path.of("../helm/tito-operator");
  static final String RELEASE = "tito";
  static final String NAMESPACE = "tito-system";
  // the oldest Kubernetes the chart supports (Chart.yaml kubeVersion)
  static final String KUBE_VERSION = "1.30.0";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static RenderedChart withDefaults() {
    return with(Map.of());
  }

  static RenderedChart with(Map<String, Object> values) {
    return with(RELEASE, NAMESPACE, values);
  }

  /** Another release of the chart, in another namespace. */
  static RenderedChart with(String release, String namespace, Map<String, Object> values) {
    return render(
        release,
        namespace,
        command -> {
          values.forEach(command::set);
          return command;
        });
  }

  private static RenderedChart render(
      String release, String namespace, UnaryOperator<TemplateCommand> options) {
    String yaml =
        options
            .apply(
                new Helm(CHART)
                    .template()
                    .withName(release)
                    .withNamespace(namespace)
                    .withKubeVersion(KUBE_VERSION))
            .call();
    List<HasMetadata> objects =
        SERIALIZATION.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    return new RenderedChart(yaml, objects);
  }

  <T extends HasMetadata> List<T> all(Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> kind) {
    List<T> found = all(kind);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one " + kind.getSimpleName() + ", rendered " + found.size());
    }
    return found.get(0);
  }

  <T extends HasMetadata> T named(Class<T> kind, String name) {
    return all(kind).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + kind.getSimpleName() + " " + name + " rendered"));
  }
}
