package dev.tito.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** Whether the demo could make its folder and write in it, and if not, why, in words; nothing is created. */
final class WritableFolder {
  private WritableFolder() {}

  /** Checks the folder, or the nearest folder above it that exists (where the demo would create it). */
  static Optional<String> problem(Path folder) {
    Path existing = folder.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of("no such folder");
    }
    if (!Files.isDirectory(existing)) {
      return Optional.of(existing + " is a file, not a folder");
    }
    try {
      if (Files.getFileStore(existing).isReadOnly()) {
        return Optional.of(existing + " is on a read-only file system");
      }
    } catch (IOException e) {
      return Optional.of("cannot inspect " + existing + ": " + e.getMessage());
    }
    if (!Files.isWritable(existing) || !Files.isExecutable(existing)) {
      return Optional.of("permission denied: " + existing + " is not writable by this user");
    }
    return Optional.empty();
  }
}
