package dev.tito.notebook.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A course folder: its modules, found in nbgrader's layout ({@code source/<module>/}) and in TinyTorch's
 * ({@code modules/NN_name/name.py}, or the older {@code src/NN_name/NN_name.py}), and where each module's
 * release and gradebook go ({@code release/<module>/}, {@code .tito/<module>.json}).
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

  /** Every module in every layout; a module name found in two layouts is an error. */
  public static Course open(Path root) {
    return open(root, null);
  }

  /**
   * The modules of one layout ({@code only}), or of every layout when {@code only} is null; then a module
   * name found in two layouts is an error naming them (TinyTorch's repository holds both {@code src/} and
   * {@code modules/}: which one is the course is the caller's choice).
   */
  public static Course open(Path root, CourseModule.Layout only) {
    if (!Files.exists(root)) {
      throw new CourseException(root + ": no such course folder");
    }
    if (!Files.isDirectory(root)) {
      throw new CourseException(
          root + ": not a folder (a course is a folder with source/, src/ or modules/ inside)");
    }
    Map<String, CourseModule> modules = new TreeMap<>();
    Map<String, List<CourseModule.Layout>> layoutsOf = new TreeMap<>();
    for (CourseModule.Layout layout : CourseModule.Layout.values()) {
      if (only != null && layout != only) {
        continue;
      }
      for (CourseModule module : discover(root, layout)) {
        modules.putIfAbsent(module.name(), module);
        layoutsOf.computeIfAbsent(module.name(), k -> new ArrayList<>()).add(layout);
      }
    }
    Map<String, List<String>> conflicts = new TreeMap<>();
    layoutsOf.forEach(
        (name, layouts) -> {
          if (layouts.size() > 1) {
            conflicts
                .computeIfAbsent(
                    String.join(
                            "/ and ", layouts.stream().map(CourseModule.Layout::folder).toList())
                        + "/",
                    k -> new ArrayList<>())
                .add(name);
          }
        });
    if (!conflicts.isEmpty()) {
      Set<String> folders = new TreeSet<>();
      layoutsOf.values().stream()
          .filter(layouts -> layouts.size() > 1)
          .forEach(layouts -> layouts.forEach(layout -> folders.add(layout.folder())));
      throw new CourseException(
          root
              + ": "
              + describeConflicts(conflicts)
              + ": choose the folder that holds the course "
              + "with "
              + String.join(" or ", folders.stream().map(folder -> "--layout " + folder).toList()));
    }
    return new Course(root, modules);
  }

  /** "module 01_x is in both source/ and src/", or a count and the first names when there are many. */
  private static String describeConflicts(Map<String, List<String>> conflicts) {
    List<String> parts = new ArrayList<>();
    conflicts.forEach(
        (folders, names) -> {
          String listed =
              names.size() <= 3
                  ? String.join(", ", names)
                  : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
          parts.add(
              names.size() == 1
                  ? "module " + listed + " is in both " + folders
                  : names.size() + " modules (" + listed + ") are in both " + folders);
        });
    return String.join("; ", parts);
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
      throw new CourseException(
          root
              + ": no module "
              + name
              + " (modules: "
              + (modules.isEmpty() ? "none" : String.join(", ", modules.keySet()))
              + ")");
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

  /** A numbered folder with a notebook, or with a file named as its source that cannot be one (reported on use). */
  private static boolean looksLikeModule(CourseModule module) {
    ModuleSources sources = module.sources();
    return !sources.notebooks().isEmpty() || !sources.problems().isEmpty();
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
            || NUMBERED.matcher(name).matches() && looksLikeModule(module)) {
          found.add(module);
        }
      }
    } catch (IOException e) {
      throw new CourseException(parent + ": cannot list: " + e.getMessage());
    }
    return found;
  }
}
