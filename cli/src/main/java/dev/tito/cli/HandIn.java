package dev.tito.cli;

import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The notebooks a student hands in, checked before anything reaches the cluster: one ConfigMap key each. */
record HandIn(Map<String, String> files) {
  /** Well under a ConfigMap's 1 MiB, and what the grading Job's work volume is sized for. */
  static final long MAX_BYTES = 512 * 1024;

  private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  static HandIn of(List<Path> notebooks) {
    Map<String, String> files = new LinkedHashMap<>();
    long total = 0;
    for (Path notebook : notebooks) {
      String name = notebook.getFileName().toString();
      if (!Files.isRegularFile(notebook)) {
        throw new IllegalArgumentException(notebook + ": no such file");
      }
      if (!name.endsWith(".ipynb")) {
        throw new IllegalArgumentException(notebook + ": not a notebook (.ipynb)");
      }
      if (!CONFIG_MAP_KEY.matcher(name).matches()) {
        throw new IllegalArgumentException(
            notebook
                + ": rename it: only letters, digits, '-', '_' and '.' may name a submitted file");
      }
      if (files.containsKey(name)) {
        throw new IllegalArgumentException(notebook + ": a second file named " + name);
      }
      byte[] bytes = read(notebook);
      total += bytes.length;
      if (total > MAX_BYTES) {
        throw new IllegalArgumentException(
            notebook
                + ": the notebooks come to more than "
                + MAX_BYTES / 1024
                + " KiB; clear large outputs (Edit > Clear Outputs of All Cells), save, and submit again");
      }
      try {
        NotebookReader.parse(bytes, notebook.toString());
      } catch (NotebookFormatException e) {
        throw new IllegalArgumentException(UserErrorHandler.oneLine(e.getMessage()));
      }
      files.put(name, new String(bytes, StandardCharsets.UTF_8));
    }
    return new HandIn(files);
  }

  private static byte[] read(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(
            file
                + ": larger than "
                + MAX_BYTES / 1024
                + " KiB; clear large outputs (Edit > Clear Outputs of All Cells), save, and submit again");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
    }
  }
}
