package dev.tito.notebook.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.ipynb.AtomicFiles;
import dev.tito.notebook.ipynb.FolderSwap;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.release.ModuleReleaseResult.NotebookError;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Releases one module folder as nbgrader's generate_assignment does: every notebook in it is released,
 * every other file is copied (except nbgrader's ignore list and notebooks in subfolders, which nbgrader
 * neither releases nor copies), and the gradebook rows are saved. The new
 * release is built beside the old one and replaces it only when every notebook succeeded.
 */
public final class ModuleRelease {
  /** nbgrader's {@code CourseDirectory.ignore}, matched against every file and folder name. */
  private static final List<PathMatcher> IGNORED =
      Stream.of(".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback")
          .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
          .toList();

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Function<Path, Notebook> reader;
  private final Predicate<Path> isNotebook;

  /** Releases the {@code *.ipynb} files of a module folder. */
  public ModuleRelease() {
    this(NotebookReader::read);
  }

  /** Reads {@code *.ipynb} files with {@code reader}. */
  public ModuleRelease(Function<Path, Notebook> reader) {
    this(reader, file -> file.getFileName().toString().endsWith(".ipynb"));
  }

  /**
   * Reads the top-level files {@code isNotebook} accepts (e.g. jupytext {@code .py} files) with
   * {@code reader}, which reports an unreadable file by throwing {@link NotebookFormatException}.
   */
  public ModuleRelease(Function<Path, Notebook> reader, Predicate<Path> isNotebook) {
    this.reader = reader;
    this.isNotebook = isNotebook;
  }

  /**
   * @param gradebookFile where {@code {"<module>": rows}} is written; null to write no gradebook
   *     (nbgrader's {@code --no-db})
   * @throws NotebookFormatException when a folder or file cannot be read or written
   */
  public ModuleReleaseResult release(
      Path sourceDir, Path releaseDir, Path gradebookFile, String module, ReleaseOptions options) {
    return release(sourceDir, releaseDir, gradebookFile, module, NotebookReleaser.of(options));
  }

  /**
   * As {@link #release(Path, Path, Path, String, ReleaseOptions)}, with {@code releaser} making each notebook's
   * release, e.g. {@code QualityGates.releaser()}, which gates each notebook and reuses the release it made.
   */
  public ModuleReleaseResult release(
      Path sourceDir,
      Path releaseDir,
      Path gradebookFile,
      String module,
      NotebookReleaser releaser) {
    if (module == null || module.isBlank() || module.contains("+")) {
      throw new IllegalArgumentException(
          "module name '" + module + "' must be non-empty and must not contain '+'");
    }
    if (!Files.isDirectory(sourceDir)) {
      throw new NotebookFormatException(sourceDir + ": no such module folder");
    }
    Path source = sourceDir.toAbsolutePath().normalize();
    if (source.startsWith(releaseDir.toAbsolutePath().normalize())) {
      throw new NotebookFormatException(
          releaseDir
              + ": the release folder must not be or contain the module folder "
              + sourceDir
              + " (the release replaces it)");
    }
    List<Path> notebooks = notebooksIn(sourceDir);
    List<NotebookError> errors = new ArrayList<>();
    if (notebooks.isEmpty()) {
      errors.add(
          NotebookError.ofFile(
              sourceDir, "No notebooks were matched by '" + sourceDir.resolve("*") + "'"));
      return new ModuleReleaseResult(List.of(), errors, null);
    }
    SortedMap<String, ReleaseGradebook.NotebookRows> rows = new TreeMap<>();
    Map<String, Notebook> students = new TreeMap<>();
    Set<String> names = new HashSet<>();
    for (Path file : notebooks) {
      String name = stem(file);
      if (!names.add(name)) {
        errors.add(
            NotebookError.ofFile(
                file, "another notebook of the module is also released as " + name + ".ipynb"));
        continue;
      }
      try {
        ReleasedNotebook released = releaser.release(file, reader.apply(file));
        students.put(name + ".ipynb", released.student());
        rows.put(name, released.gradebookRows());
      } catch (ReleaseException e) {
        errors.add(NotebookError.of(file, e));
      } catch (NotebookFormatException e) {
        errors.add(NotebookError.ofFile(file, e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      return new ModuleReleaseResult(List.of(), errors, null);
    }
    ReleaseGradebook gradebook = new ReleaseGradebook(null, rows);
    publish(sourceDir, releaseDir, students, gradebookFile, module, gradebook);
    return new ModuleReleaseResult(listFiles(releaseDir), List.of(), gradebook);
  }

  private List<Path> notebooksIn(Path sourceDir) {
    try (Stream<Path> files = Files.list(sourceDir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(isNotebook)
          .filter(file -> !ignored(file))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new NotebookFormatException(sourceDir + ": cannot list: " + e.getMessage());
    }
  }

  private void publish(
      Path sourceDir,
      Path releaseDir,
      Map<String, Notebook> students,
      Path gradebookFile,
      String module,
      ReleaseGradebook gradebook) {
    Path target = releaseDir.toAbsolutePath().normalize();
    try {
      byte[] gradebookBytes = JSON.writeValueAsBytes(Map.of(module, gradebook));
      FolderSwap swap =
          FolderSwap.replace(
              target,
              staging -> {
                copySupportingFiles(sourceDir.toAbsolutePath().normalize(), staging, target);
                for (Map.Entry<String, Notebook> student : students.entrySet()) {
                  Files.write(
                      staging.resolve(student.getKey()),
                      NotebookWriter.toBytes(student.getValue()));
                }
              });
      try {
        if (gradebookFile != null) {
          AtomicFiles.write(gradebookFile, gradebookBytes);
        }
      } catch (NotebookFormatException e) {
        // keep release and gradebook in step: put the old release back
        swap.rollback();
        throw e;
      }
      swap.commit();
    } catch (IOException e) {
      throw new NotebookFormatException(
          target
              + ": cannot write the release: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }

  private void copySupportingFiles(Path sourceDir, Path staging, Path target) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sourceDir)) {
      files = walk.filter(path -> !path.equals(sourceDir)).toList();
    }
    for (Path path : files) {
      Path relative = sourceDir.relativize(path);
      if (ignoredAnywhere(relative)
          || path.startsWith(target)
          || path.startsWith(staging)
          || isNotebookFile(path, relative)) {
        continue;
      }
      Path copy = staging.resolve(relative.toString());
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(copy);
      } else {
        Files.createDirectories(copy.getParent());
        Files.copy(path, copy, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  /** Module notebooks are released, not copied; nbgrader copies no {@code .ipynb} at any depth. */
  private boolean isNotebookFile(Path path, Path relative) {
    return Files.isRegularFile(path)
        && (relative.toString().endsWith(".ipynb")
            || relative.getNameCount() == 1 && isNotebook.test(path));
  }

  private static boolean ignoredAnywhere(Path relative) {
    for (Path name : relative) {
      if (ignored(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean ignored(Path file) {
    Path name = file.getFileName();
    return IGNORED.stream().anyMatch(matcher -> matcher.matches(name));
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static List<Path> listFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new NotebookFormatException(dir + ": cannot list: " + e.getMessage());
    }
  }
}
