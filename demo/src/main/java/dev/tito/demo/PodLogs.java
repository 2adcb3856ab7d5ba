package dev.tito.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Where each local container's output is written, so the API can serve it as the pod's log. */
public final class PodLogs {
  private final Map<String, Map<String, Path>> byPod = new ConcurrentHashMap<>();

  void register(String namespace, String pod, String container, Path file) {
    byPod
        .computeIfAbsent(namespace + "/" + pod, key -> new ConcurrentHashMap<>())
        .put(container, file);
  }

  void forget(String namespace, String pod) {
    byPod.remove(namespace + "/" + pod);
  }

  /** The containers of a pod that have a log so far; empty when the pod ran nothing here. */
  List<String> containers(String namespace, String pod) {
    return List.copyOf(byPod.getOrDefault(namespace + "/" + pod, Map.of()).keySet());
  }

  /** The container's output so far, cut to {@code limitBytes} as the API server does; null when it has none. */
  byte[] read(String namespace, String pod, String container, long limitBytes) throws IOException {
    Path file = byPod.getOrDefault(namespace + "/" + pod, Map.of()).get(container);
    if (file == null || !Files.exists(file)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes((int) Math.min(limitBytes, Integer.MAX_VALUE - 8));
    }
  }
}
