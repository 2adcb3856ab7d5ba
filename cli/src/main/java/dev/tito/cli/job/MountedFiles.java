package dev.tito.cli.job;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a folder as a Kubernetes ConfigMap volume projects them (docs/grading-jobs.md): each key a link
 * into the kubelet's hidden {@code ..data} folder (names starting with ".." are the kubelet's, never keys), a
 * file too large for one ConfigMap as keys {@code <file>.tito-part-NNNN} joined in order. A plain folder reads
 * the same, subfolders included. Links are followed only to places inside the folder.
 */
final class MountedFiles {
  private static final Pattern PART = Pattern.compile("(.+)\\.tito-part-(\\d{4})");

  private final Path root;

  /** Each file by its '/'-separated path inside the folder: the pieces to join, in order. */
  private final SortedMap<String, List<Path>> files;

  private MountedFiles(Path root, SortedMap<String, List<Path>> files) {
    this.root = root;
    this.files = files;
  }

  /** @throws UncheckedIOException naming the folder or file when it cannot be read or a part is missing */
  static MountedFiles read(Path root) {
    if (!Files.isDirectory(root)) {
      throw new UncheckedIOException(root + ": no such folder", new IOException(root.toString()));
    }
    try {
      Path realRoot = root.toRealPath();
      Map<String, Path> whole = new TreeMap<>();
      Map<String, SortedMap<Integer, Path>> parts = new TreeMap<>();
      collect(realRoot, root, "", whole, parts, new HashSet<>(Set.of(realRoot)));
      SortedMap<String, List<Path>> files = new TreeMap<>();
      whole.forEach((name, file) -> files.put(name, List.of(file)));
      for (Map.Entry<String, SortedMap<Integer, Path>> pieces : parts.entrySet()) {
        String name = pieces.getKey();
        if (files.containsKey(name)) {
          throw new IOException(
              root.resolve(name) + ": both the file and its .tito-part- pieces are present");
        }
        List<Path> ordered = new ArrayList<>();
        for (Map.Entry<Integer, Path> piece : pieces.getValue().entrySet()) {
          if (piece.getKey() != ordered.size()) {
            throw new IOException(
                root.resolve(name)
                    + String.format(".tito-part-%04d: missing", ordered.size())
                    + " (the pieces of "
                    + name
                    + " must be numbered from 0000 without gaps)");
          }
          ordered.add(piece.getValue());
        }
        files.put(name, List.copyOf(ordered));
      }
      return new MountedFiles(root, files);
    } catch (IOException e) {
      throw new UncheckedIOException(
          e.getMessage().startsWith(root.toString())
              ? e.getMessage()
              : root + ": cannot read: " + e.getMessage(),
          e);
    }
  }

  private static void collect(
      Path realRoot,
      Path dir,
      String prefix,
      Map<String, Path> whole,
      Map<String, SortedMap<Integer, Path>> parts,
      Set<Path> visited)
      throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith("..")) {
          continue;
        }
        Path real = entry.toRealPath();
        if (!real.startsWith(realRoot)) {
          throw new IOException(entry + ": links to " + real + ", outside " + realRoot);
        }
        if (Files.isDirectory(real)) {
          // a link back up the tree would be read forever
          if (visited.add(real)) {
            collect(realRoot, entry, prefix + name + "/", whole, parts, visited);
          }
        } else if (Files.isRegularFile(real)) {
          Matcher part = PART.matcher(name);
          if (part.matches()) {
            parts
                .computeIfAbsent(prefix + part.group(1), k -> new TreeMap<>())
                .put(Integer.parseInt(part.group(2)), entry);
          } else {
            whole.put(prefix + name, entry);
          }
        }
      }
    }
  }

  /** The files' '/'-separated paths, sorted. */
  Set<String> paths() {
    return files.keySet();
  }

  /** A file's content, its pieces joined. */
  byte[] bytes(String path) {
    List<Path> pieces = files.get(path);
    if (pieces == null) {
      throw new IllegalArgumentException(root.resolve(path) + ": not in the folder");
    }
    try {
      if (pieces.size() == 1) {
        return Files.readAllBytes(pieces.get(0));
      }
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (Path piece : pieces) {
        joined.write(Files.readAllBytes(piece));
      }
      return joined.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(root.resolve(path) + ": cannot read: " + e.getMessage(), e);
    }
  }
}
