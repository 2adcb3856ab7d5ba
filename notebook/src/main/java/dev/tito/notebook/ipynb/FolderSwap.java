package dev.tito.notebook.ipynb;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;

/**
 * Replaces a folder so no reader sees half of it: the new content is written to a hidden folder beside
 * it and moved in; the previous content is kept until {@link #commit()} so {@link #rollback()} can put
 * it back (e.g. when a file that must change with the folder could not be written).
 */
public final class FolderSwap {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Writes the new content into the (empty) staging folder. */
  public interface Content {
    void write(Path staging) throws IOException;
  }

  private final Path target;
  private Path previous;

  private FolderSwap(Path target, Path previous) {
    this.target = target;
    this.previous = previous;
  }

  public static FolderSwap replace(Path target, Content content) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Path staging = null;
    Path previous = null;
    try {
      Files.createDirectories(parent);
      staging = createWithUmask(parent, "." + target.getFileName() + ".new-");
      content.write(staging);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        previous = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
        Files.delete(previous);
        move(target, previous);
      }
      move(staging, target);
      staging = null;
      FolderSwap swap = new FolderSwap(target, previous);
      previous = null;
      return swap;
    } finally {
      if (previous != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        try {
          move(previous, target);
        } catch (IOException ignored) {
          // the error being thrown already says the folder could not be replaced
        }
      }
      deleteTree(staging);
    }
  }

  /**
   * A new uniquely named folder made as mkdir makes one, so the folder that becomes the target has the
   * caller's umask (a temporary folder would be 0700, and the release unreadable to the students' group).
   */
  private static Path createWithUmask(Path parent, String prefix) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return Files.createDirectory(
            parent.resolve(prefix + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE)));
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  /** Drops the previous content. */
  public void commit() {
    deleteTree(previous);
    previous = null;
  }

  /** Puts the previous content back (or removes the new folder when there was none). */
  public void rollback() throws IOException {
    deleteTree(target);
    if (previous != null) {
      move(previous, target);
      previous = null;
    }
  }

  /** Deletes a folder and everything in it, best effort (read-only folders included); null does nothing. */
  public static void deleteTree(Path root) {
    if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              dir.toFile().setWritable(true);
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException ignored) {
      // a leftover hidden temporary folder changes nothing a user reads
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}
