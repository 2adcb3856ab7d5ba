package dev.tito.notebook.execute;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * How a grading run is isolated when tito runs as root (a container, a CI machine): student code must
 * not run as root, where RLIMIT_NPROC is not enforced and every file is readable. The kernel forge
 * ({@code kernel_forge.py}) gives each kernel its own network namespace (loopback only: the kernel talks to
 * the worker over Unix sockets in its run folder), its own PID and mount namespaces (every process dies with the
 * kernel, daemons included) and runs it as nobody with no capabilities; this class hands the run folders over.
 * As any other user, the run has that user's rights, as in nbgrader.
 */
final class RootIsolation {
  /** The kernel's user and group: Debian's nobody/nogroup. */
  static final int NOBODY = 65534;

  private RootIsolation() {}

  /** Whether this process runs as root, so that kernels get the isolation above. */
  static boolean applies() throws IOException {
    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
  }

  /** A folder nobody may pass through but not list: the random names inside it stay unknown to every kernel. */
  static void passable(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
  }

  /** Every file and folder of the tree becomes nobody's. */
  static void giveToNobody(Path tree) throws IOException {
    Files.walkFileTree(
        tree,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            own(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            own(file);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void own(Path path) throws IOException {
    Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
  }
}
