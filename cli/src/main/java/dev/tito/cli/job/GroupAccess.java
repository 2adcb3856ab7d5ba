package dev.tito.cli.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files a Job writes are group-writable: the pod's {@code fsGroup} is what lets the next container, or the
 * student's server, use them whatever the process umask was.
 */
final class GroupAccess {
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwxrwxr-x");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-rw-r--");

  private GroupAccess() {}

  static void grant(Path path) throws IOException {
    if (!Files.isSymbolicLink(path)) {
      Files.setPosixFilePermissions(
          path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE);
    }
  }

  static void grantTree(Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.toList();
    }
    for (Path path : paths) {
      grant(path);
    }
  }

  /** Creates the folder and its missing parents, each new one group-writable. */
  static void createFolders(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    Path parent = folder.toAbsolutePath().getParent();
    if (parent != null) {
      createFolders(parent);
    }
    Files.createDirectory(folder);
    grant(folder);
  }
}
