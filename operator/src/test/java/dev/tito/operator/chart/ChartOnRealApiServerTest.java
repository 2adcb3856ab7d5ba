package dev.tito.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import dev.tito.controlplane.RealApiServer;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a platform team meets installing, upgrading and uninstalling the chart on a real API server. */
class ChartOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();

  @Test
  void aWatchedNamespaceThatDoesNotExistYetIsCreatedRestrictedAndOutlivesTheRelease() {
    String later = "later-" + suffix();
    String system = api.createNamespace("tito-later");

    Release release = install("watcher", system).set("watchNamespaces[0]", later).call();
    Release upgraded =
        new Helm(RenderedChart.CHART)
            .upgrade()
            .withName("watcher")
            .withNamespace(system)
            .withKubeConfigContents(api.controlPlane().adminKubeconfig())
            .set("watchNamespaces[0]", later)
            .call();
    Namespace created = api.admin().namespaces().withName(later).get();
    Helm.uninstall("watcher")
        .withNamespace(system)
        .withKubeConfigContents(api.controlPlane().adminKubeconfig())
        .call();

    assertThat(release.getStatus()).isEqualTo("deployed");
    assertThat(upgraded.getStatus()).isEqualTo("deployed");
    assertThat(created.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    assertThat(api.admin().namespaces().withName(later).get())
        .as("the namespace after uninstall")
        .isNotNull();
    assertThat(api.admin().rbac().roles().inNamespace(later).list().getItems())
        .as("the operator's Role after uninstall")
        .isEmpty();
  }

  @Test
  void twoReleasesInstallSideBySide() {
    Release first =
        install("tito", api.createNamespace("team-a"))
            .set("watchNamespaces[0]", api.namespace())
            .call();
    Release second =
        install("tito", api.createNamespace("team-b"))
            .set("watchNamespaces[0]", api.createNamespace("course-b"))
            .call();

    assertThat(first.getStatus()).isEqualTo("deployed");
    assertThat(second.getStatus()).isEqualTo("deployed");
  }

  @Test
  void byDefaultTheOperatorReachesSecretsOnlyInItsOwnNamespace() {
    String system = api.createNamespace("tito-default");
    install("plain", system).call();

    try (KubernetesClient operator =
        new KubernetesClientBuilder()
            .withConfig(api.controlPlane().serviceAccountConfig(system, "plain-tito-operator"))
            .build()) {
      assertThat(operator.secrets().inNamespace(system).list().getItems())
          .as("its own namespace's Secrets")
          .isNotNull();
      assertThatThrownBy(() -> operator.secrets().inNamespace(api.namespace()).list())
          .as("another namespace's Secrets")
          .isInstanceOf(KubernetesClientException.class)
          .extracting(e -> ((KubernetesClientException) e).getCode())
          .isEqualTo(403);
      assertThatThrownBy(() -> operator.secrets().inAnyNamespace().list())
          .as("every namespace's Secrets")
          .isInstanceOf(KubernetesClientException.class)
          .extracting(e -> ((KubernetesClientException) e).getCode())
          .isEqualTo(403);
    }
  }

  @Test
  void aValueTheSchemaRefusesStopsTheInstallBeforeAnythingIsWritten() {
    String system = api.createNamespace("tito-bad");

    assertThatThrownBy(() -> install("bad", system).set("replicas", 0).call())
        .hasMessageContaining("replicas")
        .hasMessageContaining("minimum");
    assertThat(api.admin().apps().deployments().inNamespace(system).list().getItems()).isEmpty();
  }

  private static InstallCommand install(String name, String namespace) {
    return new Helm(RenderedChart.CHART)
        .install()
        .withName(name)
        .withNamespace(namespace)
        .withKubeConfigContents(api.controlPlane().adminKubeconfig());
  }

  private static String suffix() {
    return Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
  }
}
