package dev.tito.operator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrimmedTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  static Stream<Arguments> children() {
    return Stream.of(
        Arguments.of(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("ml-ada")
                .withNamespace("ml")
                .withResourceVersion("7")
                .addToLabels("tito.dev/student", "ada")
                .addToAnnotations("tito.dev/desired-hash", "abc")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withServiceName("ml-ada")
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("jupyter")
                .withImage("jupyter:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .withNewStatus()
                .withReadyReplicas(1)
                .withReplicas(1)
                .endStatus()
                .build(),
            "{\"replicas\":1}",
            "{\"readyReplicas\":1,\"replicas\":1}"),
        Arguments.of(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("ml-ada")
                .withNamespace("ml")
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .addNewPort()
                .withPort(8888)
                .endPort()
                .addToSelector("a", "b")
                .endSpec()
                .build(),
            "{\"clusterIP\":\"None\"}",
            null),
        Arguments.of(
            new PodBuilder()
                .withNewMetadata()
                .withName("ml-ada-0")
                .withNamespace("ml")
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-1")
                .addNewContainer()
                .withName("jupyter")
                .withImage("jupyter:1")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withPodIP("10.0.0.1")
                .endStatus()
                .build(),
            "{\"nodeName\":\"node-1\"}",
            "{\"phase\":\"Running\"}"),
        Arguments.of(
            new RoleBuilder()
                .withNewMetadata()
                .withName("ml-ada-submit")
                .withNamespace("ml")
                .endMetadata()
                .addNewRule()
                .withApiGroups("tito.dev")
                .withResources("submissions")
                .withVerbs("create")
                .endRule()
                .build(),
            null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("children")
  void theCacheKeepsTheMetadataAndOnlyTheFieldsAReconcileReads(
      HasMetadata full, String spec, String status) {
    HasMetadata copy = JSON.clone(full);
    Map<String, Object> trimmed = JSON.convertValue(Trimmed.of(full), Map.class);

    assertThat(full).as("the informer's event keeps the whole object").isEqualTo(copy);
    assertThat(trimmed.get("kind")).isEqualTo(full.getKind());
    assertThat(trimmed.get("metadata")).isEqualTo(JSON.convertValue(full.getMetadata(), Map.class));
    assertThat(trimmed.get("spec") == null ? null : JSON.asJson(trimmed.get("spec")))
        .isEqualTo(spec);
    assertThat(trimmed.get("status") == null ? null : JSON.asJson(trimmed.get("status")))
        .isEqualTo(status);
    assertThat(trimmed).doesNotContainKey("rules");
  }

  @Test
  void aTokenSecretKeepsItsData() {
    var secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("ml-ada-token")
            .endMetadata()
            .addToData("token", "c2VjcmV0")
            .withType("Opaque")
            .build();

    assertThat(Trimmed.of(secret).getData()).isEqualTo(Map.of("token", "c2VjcmV0"));
    assertThat(Trimmed.of(secret).getType()).isEqualTo("Opaque");
  }
}
