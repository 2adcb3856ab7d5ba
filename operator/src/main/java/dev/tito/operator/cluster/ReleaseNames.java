package dev.tito.operator.cluster;

import java.util.Comparator;

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
