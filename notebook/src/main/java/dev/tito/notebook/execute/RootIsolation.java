package dev.tito.notebook.execute;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * How a grading run is isolated when tito runs as root (a container, a CI machine): student code must
 * not run as root, where RLIMIT_NPROC is not enforced and every file is readable. The run gets its own
 * network namespace (loopback only: Jupyter talks to its kernel over 127.0.0.1), its own PID namespace
 * (every process dies with nbconvert, daemons included) and runs as nobody with no capabilities.
 * As any other user, the run has that user's rights, as in nbgrader.
 */
final class RootIsolation {
  /** The kernel's user and group: Debian's nobody/nogroup. */
  static final int NOBODY = 65534;
  private static final Path UNSHARE = Path.of("/usr/bin/unshare");
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final List<Path> IP = List.of(Path.of("/usr/sbin/ip"), Path.of("/sbin/ip"), Path.of("/bin/ip"));

  private final Path ip;

  private RootIsolation(Path ip) {
    this.ip = ip;
  }

  /** The isolation for this process: null when it does not run as root. */
  static RootIsolation forThisProcess() throws IOException {
    if (((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) != 0) {
      return null;
    }
    Path ip = IP.stream().filter(Files::isExecutable).findFirst().orElse(null);
    if (!Files.isExecutable(UNSHARE) || !Files.isExecutable(SETPRIV) || ip == null) {
      throw new IOException("tito runs as root and will not run student code as root: it needs util-linux's "
          + UNSHARE + " and " + SETPRIV + " and iproute2's ip to run it as nobody");
    }
    return new RootIsolation(ip);
  }

  /** Before the limits: new network and PID namespaces, loopback up, still root. */
  List<String> namespaces() {
    return List.of(UNSHARE.toString(), "--net", "--pid", "--fork", "--mount-proc", "--kill-child",
        "/bin/sh", "-c", ip + " link set lo up && exec \"$@\"", "tito-run");
  }

  /** After the limits (raised or lowered as root), right before nbconvert: nobody, no groups, no capabilities. */
  List<String> unprivileged() {
    return List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
        "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--");
  }

  /** The run folder becomes passable (not listable) for nobody; its working and home folders become nobody's. */
  void handOver(Path run, Path... ownedByNobody) throws IOException {
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx--x--x"));
    for (Path tree : ownedByNobody) {
      Files.walkFileTree(tree, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          giveToNobody(dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          giveToNobody(file);
          return FileVisitResult.CONTINUE;
        }
      });
    }
  }

  private static void giveToNobody(Path path) throws IOException {
    Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
  }
}
