package dev.tito.operator.assignment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The instructor's files of an Assignment (notebooks with solutions and hidden tests, data files), keyed by file
 * name, from the Secret named by {@code spec.sourceSecret} or, when there is no such Secret, a ConfigMap of that name.
 */
record AssignmentSource(String from, SortedMap<String, byte[]> files) {

  /** Reads the source; null when neither a Secret nor a ConfigMap of that name exists. */
  static AssignmentSource read(KubernetesClient client, String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret != null) {
      SortedMap<String, byte[]> files = new TreeMap<>();
      Base64.Decoder base64 = Base64.getDecoder();
      if (secret.getData() != null) {
        secret.getData().forEach((key, value) -> files.put(key, base64.decode(value)));
      }
      if (secret.getStringData() != null) {
        secret
            .getStringData()
            .forEach((key, value) -> files.put(key, value.getBytes(StandardCharsets.UTF_8)));
      }
      return new AssignmentSource("Secret " + name, files);
    }
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    if (configMap == null) {
      return null;
    }
    SortedMap<String, byte[]> files = new TreeMap<>();
    if (configMap.getData() != null) {
      configMap
          .getData()
          .forEach((key, value) -> files.put(key, value.getBytes(StandardCharsets.UTF_8)));
    }
    if (configMap.getBinaryData() != null) {
      Base64.Decoder base64 = Base64.getDecoder();
      configMap.getBinaryData().forEach((key, value) -> files.put(key, base64.decode(value)));
    }
    return new AssignmentSource("ConfigMap " + name, files);
  }

  /** The revision: the first 10 hex digits of a digest over every file name and content, in name order. */
  String revision() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
        digest.update(lengthOf(name.length));
        digest.update(name);
        digest.update(lengthOf(file.getValue().length));
        digest.update(file.getValue());
      }
      return java.util.HexFormat.of().formatHex(digest.digest(), 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  // a length prefix keeps ("ab","c") and ("a","bc") apart
  private static byte[] lengthOf(int length) {
    return java.nio.ByteBuffer.allocate(4).putInt(length).array();
  }
}
