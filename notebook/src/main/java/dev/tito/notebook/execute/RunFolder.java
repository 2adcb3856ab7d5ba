package dev.tito.notebook.execute;

import dev.tito.notebook.ipynb.FolderSwap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The folders of one kernel's run, {@code <runs>/tito-run-*}: {@code work} (the kernel's working directory, holding
 * only the module's data files once they are handed over), {@code home} (a fresh home whose Jupyter and IPython
 * folders exist before the start), {@code kernel} (its connection file and sockets) and the kernel's log. The notebook
 * is never among them. As root, the folder is passable but not listable and its three folders are nobody's.
 */
final class RunFolder {
  /** Directories in the fresh home: Jupyter and IPython would otherwise create theirs on every start. */
  private static final Map<String, String> HOME_DIRS =
      Map.of(
          "TMPDIR", "tmp",
          "IPYTHONDIR", ".ipython",
          "JUPYTER_CONFIG_DIR", ".jupyter",
          "JUPYTER_DATA_DIR", ".local/share/jupyter",
          "JUPYTER_RUNTIME_DIR", ".local/share/jupyter/runtime",
          "MPLCONFIGDIR", ".config/matplotlib");

  private final Path root;
  private final boolean asRoot;
  private final Map<String, String> environment;

  private RunFolder(Path root, boolean asRoot, Map<String, String> environment) {
    this.root = root;
    this.asRoot = asRoot;
    this.environment = environment;
  }

  /** A new run folder inside {@code runs} for a kernel started for {@code purpose}. */
  static RunFolder create(Path runs, boolean asRoot, ExecutionPurpose purpose) throws IOException {
    Path root =
        Files.createTempDirectory(
            runs,
            "tito-run-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      Path home = Files.createDirectory(root.resolve("home"));
      Map<String, String> env = environment(home, purpose);
      Files.createDirectory(root.resolve("work"));
      Files.createDirectory(root.resolve("kernel"));
      if (asRoot) {
        RootIsolation.passable(root);
        for (String owned : List.of("work", "home", "kernel")) {
          RootIsolation.giveToNobody(root.resolve(owned));
        }
      }
      return new RunFolder(root, asRoot, env);
    } catch (IOException | RuntimeException e) {
      FolderSwap.deleteTree(root);
      throw e;
    }
  }

  /** A minimal environment whose home folders exist before the start. */
  private static Map<String, String> environment(Path home, ExecutionPurpose purpose)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home.toString());
    for (Map.Entry<String, String> dir : HOME_DIRS.entrySet()) {
      env.put(dir.getKey(), Files.createDirectories(home.resolve(dir.getValue())).toString());
    }
    env.put("LANG", "C.UTF-8");
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    env.putAll(purpose.environment());
    return env;
  }

  Path work() {
    return root.resolve("work");
  }

  Path kernel() {
    return root.resolve("kernel");
  }

  Path log() {
    return root.resolve("kernel.log");
  }

  Map<String, String> environment() {
    return environment;
  }

  /** Puts the data files into the working directory (a later folder's file wins), the kernel's as root. */
  void handOver(List<Path> dataDirs) throws IOException {
    for (Path dataDir : dataDirs) {
      DataFiles.copy(dataDir, work());
    }
    if (asRoot) {
      RootIsolation.giveToNobody(work());
    }
  }

  void delete() {
    FolderSwap.deleteTree(root);
  }
}
