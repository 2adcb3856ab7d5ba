package dev.tito.operator.assignment;

import dev.tito.api.assignment.Assignment;
import dev.tito.operator.classroom.ClassroomLabels;
import dev.tito.operator.cluster.Owners;
import dev.tito.operator.cluster.ReleaseNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of one revision of an Assignment's release: the student files in ConfigMaps
 * {@code <assignment>-release-<revision>-<n>} (each under {@link #LIMIT_BYTES} as stored, so under etcd's 1 MiB
 * object limit), and the instructor's gradebook rows, which hold hidden tests, in the Secret
 * {@code <assignment>-gradebook-<revision>}.
 */
final class ReleaseObjects {
  static final String ASSIGNMENT = ClassroomLabels.ASSIGNMENT;
  static final String REVISION = ReleaseNames.REVISION;
  static final String RELEASE_COMPONENT = "release";

  /** Selects an Assignment's release objects and delivery ledger, not other objects naming the assignment (feedback). */
  static final String SELECTOR =
      ASSIGNMENT + "," + ClassroomLabels.COMPONENT + "=" + RELEASE_COMPONENT;

  /** Stored size of one ConfigMap's files: binaryData counts as its base64 text. */
  static final int LIMIT_BYTES = 900 * 1024;

  /** A file larger than one ConfigMap is cut into keys {@code <file>.tito-part-0000}, ... to join in order. */
  static final String PART = ".tito-part-";

  // room for the key: a piece's base64 text plus its name stays under the limit
  private static final int PIECE_BYTES = (LIMIT_BYTES - 1024) / 4 * 3;

  private ReleaseObjects() {}

  /** The release ConfigMaps, files packed in name order; a file too large for one is cut into pieces. */
  static List<ConfigMap> releaseConfigMaps(
      Assignment assignment, String revision, Map<String, byte[]> files) {
    List<ConfigMap> configMaps = new ArrayList<>();
    Map<String, String> data = new TreeMap<>();
    Map<String, String> binary = new TreeMap<>();
    int size = 0;
    for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
      for (Map.Entry<String, byte[]> key : keysOf(file.getKey(), file.getValue()).entrySet()) {
        String text = utf8(key.getValue());
        boolean piece = key.getKey().contains(PART);
        String stored =
            text != null && !piece ? text : Base64.getEncoder().encodeToString(key.getValue());
        // the API server counts a ConfigMap's keys and values in UTF-8 bytes, not characters
        int storedSize =
            stored.getBytes(StandardCharsets.UTF_8).length
                + key.getKey().getBytes(StandardCharsets.UTF_8).length;
        if (size > 0 && size + storedSize > LIMIT_BYTES) {
          configMaps.add(configMap(assignment, revision, configMaps.size(), data, binary));
          data = new TreeMap<>();
          binary = new TreeMap<>();
          size = 0;
        }
        (text != null && !piece ? data : binary).put(key.getKey(), stored);
        size += storedSize;
      }
    }
    if (size > 0 || configMaps.isEmpty()) {
      configMaps.add(configMap(assignment, revision, configMaps.size(), data, binary));
    }
    return configMaps;
  }

  static Secret gradebookSecret(Assignment assignment, String revision, byte[] gradebookJson) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(ReleaseNames.gradebook(assignment.getMetadata().getName(), revision))
        .withNamespace(assignment.getMetadata().getNamespace())
        .withLabels(labels(assignment, revision))
        .withOwnerReferences(Owners.of(assignment))
        .endMetadata()
        .withType("Opaque")
        .withData(Map.of("gradebook.json", Base64.getEncoder().encodeToString(gradebookJson)))
        .build();
  }

  static Map<String, String> labels(Assignment assignment, String revision) {
    Map<String, String> labels = labels(assignment);
    labels.put(REVISION, revision);
    return labels;
  }

  /** The labels of every release object, and of the delivery ledger, which outlives revisions. */
  static Map<String, String> labels(Assignment assignment) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ClassroomLabels.MANAGED_BY, ClassroomLabels.OPERATOR);
    labels.put(ASSIGNMENT, assignment.getMetadata().getName());
    labels.put(ClassroomLabels.COMPONENT, RELEASE_COMPONENT);
    return labels;
  }

  private static Map<String, byte[]> keysOf(String name, byte[] content) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    String text = utf8(content);
    int stored = text != null ? content.length : (content.length + 2) / 3 * 4;
    if (stored + name.getBytes(StandardCharsets.UTF_8).length <= LIMIT_BYTES) {
      keys.put(name, content);
      return keys;
    }
    for (int offset = 0, part = 0; offset < content.length; offset += PIECE_BYTES, part++) {
      keys.put(
          name + PART + String.format("%04d", part),
          Arrays.copyOfRange(content, offset, Math.min(content.length, offset + PIECE_BYTES)));
    }
    return keys;
  }

  /** The text when the bytes are UTF-8 (a ConfigMap's data), else null (its binaryData). */
  private static String utf8(byte[] content) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static ConfigMap configMap(
      Assignment assignment,
      String revision,
      int index,
      Map<String, String> data,
      Map<String, String> binary) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(ReleaseNames.configMap(assignment.getMetadata().getName(), revision, index))
        .withNamespace(assignment.getMetadata().getNamespace())
        .withLabels(labels(assignment, revision))
        .withOwnerReferences(Owners.of(assignment))
        .endMetadata()
        .withData(data.isEmpty() ? null : data)
        .withBinaryData(binary.isEmpty() ? null : binary)
        .withImmutable(true)
        .build();
  }
}
