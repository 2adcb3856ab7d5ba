package dev.tito.operator.grading;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.cluster.ReleaseNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** What the Assignment controller stored for a released revision: its gradebook rows and its release ConfigMaps. */
final class StoredReleases {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final KubernetesClient client;
  private final ReleaseRecords<ReleaseGradebook> gradebooks = new ReleaseRecords<>();
  private final ReleaseRecords<List<String>> releases = new ReleaseRecords<>();

  StoredReleases(KubernetesClient client) {
    this.client = client;
  }

  /** The gradebook rows stored at release; null when the Secret is missing or unreadable. */
  ReleaseGradebook gradebook(String namespace, String assignment, String revision) {
    return gradebooks.get(
        namespace, assignment, revision, () -> readGradebook(namespace, assignment, revision));
  }

  /** The names of the revision's {@code <asg>-release-<rev>-<n>} ConfigMaps in order of n; null when none is stored. */
  List<String> releaseConfigMaps(String namespace, String assignment, String revision) {
    return releases.get(
        namespace,
        assignment,
        revision,
        () -> {
          List<String> names =
              client
                  .configMaps()
                  .inNamespace(namespace)
                  .withLabel(ClassroomLabels.ASSIGNMENT, assignment)
                  .withLabel(ReleaseNames.REVISION, revision)
                  .list()
                  .getItems()
                  .stream()
                  .map(cm -> cm.getMetadata().getName())
                  .filter(name -> ReleaseNames.isConfigMap(name, assignment, revision))
                  .sorted(ReleaseNames.IN_INDEX_ORDER)
                  .toList();
          return names.isEmpty() ? null : names;
        });
  }

  private ReleaseGradebook readGradebook(String namespace, String assignment, String revision) {
    Secret secret =
        client
            .secrets()
            .inNamespace(namespace)
            .withName(ReleaseNames.gradebook(assignment, revision))
            .get();
    if (secret == null
        || secret.getData() == null
        || secret.getData().get("gradebook.json") == null) {
      return null;
    }
    try {
      Map<String, ReleaseGradebook> rows =
          JSON.readValue(
              Base64.getDecoder().decode(secret.getData().get("gradebook.json")),
              new TypeReference<Map<String, ReleaseGradebook>>() {});
      return rows.get(assignment);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
