package dev.tito.cli.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A folder laid out as the kubelet projects a ConfigMap: keys are links into {@code ..data}, a link to a timestamped folder. */
final class ProjectedVolume {
  private ProjectedVolume() {}

  static Path of(Path dir, Map<String, byte[]> keys) {
    try {
      Path stamp = Files.createDirectories(dir.resolve("..2026_11_24_00_29_04.1234567890"));
      for (Map.Entry<String, byte[]> key : keys.entrySet()) {
        Files.write(stamp.resolve(key.getKey()), key.getValue());
      }
      Files.createSymbolicLink(dir.resolve("..data"), stamp.getFileName());
      for (String key : keys.keySet()) {
        Files.createSymbolicLink(dir.resolve(key), Path.of("..data", key));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, byte[]> text(String... namesAndContents) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (int i = 0; i < namesAndContents.length; i += 2) {
      keys.put(namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return keys;
  }
}
