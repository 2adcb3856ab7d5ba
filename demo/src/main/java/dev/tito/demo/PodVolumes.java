package dev.tito.demo;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's volumes as local folders, as the kubelet mounts them: configMap, secret and projected volumes become one
 * read-only file per key, an emptyDir an empty folder, and a PersistentVolumeClaim the folder {@code <homes>/<claim>}
 * (kept across pods, like a volume).
 */
final class PodVolumes {
  private final KubernetesClient client;
  private final Path homes;

  PodVolumes(KubernetesClient client, Path homes) {
    this.client = client;
    this.homes = homes;
  }

  /**
   * Writes every volume of the pod under {@code podFolder/volumes/<name>} (claims under the homes folder).
   *
   * @return each volume's local folder, by volume name
   * @throws VolumeException when a volume's source is missing or of a kind that cannot be mounted locally
   */
  Map<String, Path> materialise(String namespace, List<Volume> volumes, Path podFolder)
      throws IOException, VolumeException {
    Map<String, Path> folders = new HashMap<>();
    for (Volume volume : volumes) {
      Path folder = podFolder.resolve("volumes").resolve(volume.getName());
      if (volume.getConfigMap() != null) {
        Files.createDirectories(folder);
        writeFiles(
            folder,
            configMapFiles(
                namespace,
                volume.getConfigMap().getName(),
                volume.getConfigMap().getItems(),
                Boolean.TRUE.equals(volume.getConfigMap().getOptional()),
                volume.getName()));
      } else if (volume.getSecret() != null) {
        Files.createDirectories(folder);
        writeFiles(
            folder,
            secretFiles(
                namespace,
                volume.getSecret().getSecretName(),
                volume.getSecret().getItems(),
                Boolean.TRUE.equals(volume.getSecret().getOptional()),
                volume.getName()));
      } else if (volume.getProjected() != null) {
        Files.createDirectories(folder);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (VolumeProjection source : volume.getProjected().getSources()) {
          files.putAll(projectedFiles(namespace, source, volume.getName()));
        }
        writeFiles(folder, files);
      } else if (volume.getEmptyDir() != null) {
        Files.createDirectories(folder);
      } else if (volume.getPersistentVolumeClaim() != null) {
        folder =
            homes.resolve(
                safeName(volume.getPersistentVolumeClaim().getClaimName(), volume.getName()));
        Files.createDirectories(folder);
      } else {
        throw new VolumeException(
            "volume "
                + volume.getName()
                + ": only configMap, secret, projected, emptyDir and "
                + "persistentVolumeClaim volumes can be mounted locally");
      }
      folders.put(volume.getName(), folder);
    }
    return folders;
  }

  private Map<String, byte[]> projectedFiles(
      String namespace, VolumeProjection source, String volume) throws VolumeException {
    if (source.getConfigMap() != null) {
      return configMapFiles(
          namespace,
          source.getConfigMap().getName(),
          source.getConfigMap().getItems(),
          Boolean.TRUE.equals(source.getConfigMap().getOptional()),
          volume);
    }
    if (source.getSecret() != null) {
      return secretFiles(
          namespace,
          source.getSecret().getName(),
          source.getSecret().getItems(),
          Boolean.TRUE.equals(source.getSecret().getOptional()),
          volume);
    }
    throw new VolumeException(
        "volume "
            + volume
            + ": only configMap and secret sources of a projected volume can be mounted locally");
  }

  private Map<String, byte[]> configMapFiles(
      String namespace, String name, List<KeyToPath> items, boolean optional, String volume)
      throws VolumeException {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
    return selected(
        map == null ? null : keys(map.getBinaryData(), map.getData()),
        items,
        optional,
        "volume " + volume + ": configmap \"" + name + "\"");
  }

  private Map<String, byte[]> secretFiles(
      String namespace, String name, List<KeyToPath> items, boolean optional, String volume)
      throws VolumeException {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    // a real API server turns stringData into data (stringData winning); the in-process one stores
    // it as written
    return selected(
        secret == null ? null : keys(secret.getData(), secret.getStringData()),
        items,
        optional,
        "volume " + volume + ": secret \"" + name + "\"");
  }

  /** The keys' contents: base64 values decoded, then text values (which win on the same key) as UTF-8. */
  private static Map<String, byte[]> keys(Map<String, String> base64, Map<String, String> text) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    if (base64 != null) {
      base64.forEach((key, value) -> keys.put(key, Base64.getDecoder().decode(value)));
    }
    if (text != null) {
      text.forEach((key, value) -> keys.put(key, value.getBytes(StandardCharsets.UTF_8)));
    }
    return keys;
  }

  /** Every key as a file of its name, or only the listed items at their paths; null keys: the source does not exist. */
  private static Map<String, byte[]> selected(
      Map<String, byte[]> keys, List<KeyToPath> items, boolean optional, String source)
      throws VolumeException {
    if (keys == null) {
      if (optional) {
        return Map.of();
      }
      throw new VolumeException(source + " not found");
    }
    if (items == null || items.isEmpty()) {
      return keys;
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (KeyToPath item : items) {
      byte[] content = keys.get(item.getKey());
      if (content == null) {
        if (optional) {
          continue;
        }
        throw new VolumeException(source + " has no key \"" + item.getKey() + "\"");
      }
      files.put(item.getPath(), content);
    }
    return files;
  }

  private static void writeFiles(Path folder, Map<String, byte[]> files)
      throws IOException, VolumeException {
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path target = folder.resolve(file.getKey()).normalize();
      if (!target.startsWith(folder) || target.equals(folder)) {
        throw new VolumeException(
            "the file name \"" + file.getKey() + "\" would be written outside its volume");
      }
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
      // configMap and secret volumes are read-only in a pod
      target.toFile().setWritable(false, false);
    }
  }

  private static String safeName(String claim, String volume) throws VolumeException {
    if (claim == null || !claim.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new VolumeException(
          "volume " + volume + ": \"" + claim + "\" is not a valid claim name");
    }
    return claim;
  }

  /** A volume that cannot be mounted (yet): the pod waits, as the kubelet's FailedMount does. */
  static final class VolumeException extends Exception {
    VolumeException(String message) {
      super(message);
    }
  }
}
