package dev.tito.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's view of the file system, mapped to local folders: each mount path (and the termination-message
 * path) in a command, argument, working directory or environment value is rewritten to where the volume lives here.
 */
final class MountPaths {
  private final Map<String, Path> byMountPath = new LinkedHashMap<>();
  private final Pattern mountedPath;

  MountPaths(Container container, Map<String, Path> volumes, Path terminationMessage) {
    for (VolumeMount mount : container.getVolumeMounts()) {
      Path folder = volumes.get(mount.getName());
      if (folder == null) {
        throw new IllegalArgumentException(
            "container "
                + container.getName()
                + " mounts volume \""
                + mount.getName()
                + "\", which the pod does not declare");
      }
      String subPath = mount.getSubPath();
      byMountPath.put(
          trimSlash(mount.getMountPath()),
          subPath == null || subPath.isEmpty() ? folder : folder.resolve(subPath));
    }
    String messagePath =
        container.getTerminationMessagePath() == null
            ? "/dev/termination-log"
            : container.getTerminationMessagePath();
    byMountPath.put(messagePath, terminationMessage);
    mountedPath = pattern();
  }

  /** The text with every mounted path replaced by its local folder, in one pass; the longest mount path wins. */
  String rewrite(String text) {
    return text == null
        ? null
        : mountedPath
            .matcher(text)
            .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + byMountPath.get(m.group(2))));
  }

  // a mount path only where a path starts (start, after '=', ':', ',' or a space) and ends (end,
  // '/', or a separator)
  private Pattern pattern() {
    String alternatives =
        byMountPath.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .collect(java.util.stream.Collectors.joining("|"));
    return Pattern.compile("(^|[=:,\\s])(" + alternatives + ")(?=$|/|[\\s:,;'\"])");
  }

  private static String trimSlash(String mountPath) {
    return mountPath.length() > 1 && mountPath.endsWith("/")
        ? mountPath.substring(0, mountPath.length() - 1)
        : mountPath;
  }
}
