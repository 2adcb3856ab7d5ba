package dev.tito.operator.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tito.api.assignment.Assignment;
import dev.tito.controlplane.RealApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A release of non-ASCII sources is packed by the bytes the API server counts: every ConfigMap is accepted. */
class ReleaseObjectsOnRealApiServerTest {
  @RegisterExtension static final RealApiServer api = new RealApiServer();

  @Test
  void aReleaseOfNonAsciiNotebooksFitsTheApiServersLimitInEveryConfigMap() {
    Assignment assignment = new Assignment();
    assignment.getMetadata().setName("tensors");
    assignment.getMetadata().setNamespace(api.namespace());
    assignment.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
    // 400,000 characters of two bytes each: two files fit one ConfigMap by characters, not by bytes
    String accented = "é".repeat(400_000);
    Map<String, byte[]> files =
        Map.of(
            "a.ipynb",
            accented.getBytes(StandardCharsets.UTF_8),
            "b.ipynb",
            accented.getBytes(StandardCharsets.UTF_8));

    List<ConfigMap> configMaps = ReleaseObjects.releaseConfigMaps(assignment, "r1", files);
    configMaps.forEach(configMap -> configMap.getMetadata().setOwnerReferences(List.of()));
    configMaps.forEach(configMap -> api.admin().resource(configMap).create());

    assertThat(configMaps).hasSize(2);
    assertThat(
            api.admin()
                .configMaps()
                .inNamespace(api.namespace())
                .withLabel("tito.dev/assignment", "tensors")
                .list()
                .getItems())
        .hasSize(2);
  }
}
