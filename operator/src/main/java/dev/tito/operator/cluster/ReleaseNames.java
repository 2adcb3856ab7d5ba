package dev.tito.operator.cluster;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import java.util.Comparator;
import java.util.List;

/**
 * Names of what the Assignment controller stores for a released revision, which the grading controller reads back:
 * {@code <assignment>-release-<revision>-<n>} ConfigMaps (the release, in pieces) and the
 * {@code <assignment>-gradebook-<revision>} Secret. A revision is hex: it never holds a '-'.
 */
public final class ReleaseNames {
  /** The label of every object of a revision. */
  public static final String REVISION = "tito.dev/revision";

  /** Release ConfigMaps in the order their pieces join: by n. */
  public static final Comparator<String> IN_INDEX_ORDER =
      Comparator.comparingInt(ReleaseNames::index);

  private ReleaseNames() {}

  /** The volume {@code name} that puts a stored revision's ConfigMaps together again, one folder. */
  public static Volume volume(String name, List<String> configMaps) {
    List<VolumeProjection> sources =
        configMaps.stream()
            .map(
                cm ->
                    new VolumeProjectionBuilder()
                        .withNewConfigMap()
                        .withName(cm)
                        .endConfigMap()
                        .build())
            .toList();
    return new VolumeBuilder()
        .withName(name)
        .withNewProjected()
        .withSources(sources)
        .endProjected()
        .build();
  }

  public static String configMap(String assignment, String revision, int index) {
    return configMapPrefix(assignment, revision) + index;
  }

  /** Whether {@code name} is one of the revision's release ConfigMaps. */
  public static boolean isConfigMap(String name, String assignment, String revision) {
    return name.startsWith(configMapPrefix(assignment, revision));
  }

  public static String gradebook(String assignment, String revision) {
    return assignment + "-gradebook-" + revision;
  }

  /** The revision a gradebook Secret's name carries. */
  public static String revisionOfGradebook(String secretName) {
    return secretName.substring(secretName.lastIndexOf('-') + 1);
  }

  private static String configMapPrefix(String assignment, String revision) {
    return assignment + "-release-" + revision + "-";
  }

  private static int index(String configMap) {
    return Integer.parseInt(configMap.substring(configMap.lastIndexOf('-') + 1));
  }
}
