package dev.tito.demo;

import dev.tito.controlplane.EstablishedCrds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** tito's CRDs as generated into {@code crds/} and packaged with the demo: what Helm installs into a cluster. */
final class TitoCrds {
  static final List<String> FILES =
      List.of(
          "classrooms.tito.dev-v1.yml",
          "assignments.tito.dev-v1.yml",
          "submissions.tito.dev-v1.yml",
          "reviews.tito.dev-v1.yml");
  private static final String FIELD_MANAGER = "tito-demo";

  private TitoCrds() {}

  static List<CustomResourceDefinition> read(KubernetesClient client) {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (String file : FILES) {
      try (InputStream yaml = TitoCrds.class.getResourceAsStream("/crds/" + file)) {
        if (yaml == null) {
          throw new IllegalStateException(
              "the CRD " + file + " is not on the class path (crds/ is packaged with the demo)");
        }
        crds.add(
            client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class));
      } catch (IOException e) {
        throw new UncheckedIOException("reading the CRD " + file, e);
      }
    }
    return crds;
  }

  /** Server-side applied, then waited for until the API serves them (Established), as {@code kubectl apply --server-side --wait}. */
  static void apply(KubernetesClient client, Duration patience) {
    EstablishedCrds.apply(client, read(client), FIELD_MANAGER, patience);
  }
}
