package dev.tito.notebook.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A course folder: its modules, found in nbgrader's layout ({@code source/<module>/}) and in TinyTorch's
 * ({@code src/NN_name/NN_name.py}, or {@code modules/NN_name/*_dev.py}), and where each module's release
 * and gradebook go ({@code release/<module>/}, {@code .tito/<module>.json}).
 */
public final class Course {
  // TinyTorch numbers its modules: 01_tensor, 02_activations, ...
  private static final Pattern NUMBERED = Pattern.compile("\\d+_[A-Za-z0-9_.-]+");

  private final Path root;
  private final Map<String, CourseModule> modules;

  private Course(Path root, Map<String, CourseModule> modules) {
    this.root = root;
    this.modules = modules;
  }

  public static Course open(Path root) {
    if (!Files.exists(root)) {
      throw new CourseException(root + ": no such course folder");
    }
    if (!Files.isDirectory(root)) {
      throw new CourseException(root + ": not a folder (a course is a folder with source/ or src/ inside)");
    }
    Map<String, CourseModule> modules = new TreeMap<>();
    for (CourseModule.Layout layout : CourseModule.Layout.values()) {
      for (CourseModule module : discover(root, layout)) {
        CourseModule existing = modules.putIfAbsent(module.name(), module);
        if (existing != null) {
          throw new CourseException(root + ": module " + module.name() + " is in both "
              + root.relativize(existing.sourceDir()) + " and " + root.relativize(module.sourceDir()));
        }
      }
    }
    return new Course(root, modules);
  }

  public Path root() {
    return root;
  }

  /** All modules, sorted by name. */
  public List<CourseModule> modules() {
    return List.copyOf(modules.values());
  }

  public Optional<CourseModule> module(String name) {
    return Optional.ofNullable(modules.get(name));
  }

  /** The module named, or an error listing the modules there are. */
  public CourseModule requireModule(String name) {
    CourseModule module = modules.get(name);
    if (module == null) {
      throw new CourseException(root + ": no module " + name + " (modules: "
          + (modules.isEmpty() ? "none" : String.join(", ", modules.keySet())) + ")");
    }
    return module;
  }

  /** The folder a module's student release is written to. */
  public Path releaseDir(String module) {
    return root.resolve("release").resolve(module);
  }

  /** The gradebook rows release writes and autograde reads: {@code .tito/<module>.json}. */
  public Path gradebookFile(String module) {
    return root.resolve(".tito").resolve(module + ".json");
  }

  private static List<CourseModule> discover(Path root, CourseModule.Layout layout) {
    Path parent = root.resolve(layout.folder());
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    List<CourseModule> found = new ArrayList<>();
    try (Stream<Path> children = Files.list(parent)) {
      for (Path dir : children.filter(Files::isDirectory).sorted().toList()) {
        String name = dir.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        CourseModule module = new CourseModule(name, dir, layout);
        if (layout == CourseModule.Layout.NBGRADER
            || (NUMBERED.matcher(name).matches() && !module.notebooks().isEmpty())) {
          found.add(module);
        }
      }
    } catch (IOException e) {
      throw new CourseException(parent + ": cannot list: " + e.getMessage());
    }
    return found;
  }
}
