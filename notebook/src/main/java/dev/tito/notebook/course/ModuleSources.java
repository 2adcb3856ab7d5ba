package dev.tito.notebook.course;

import dev.tito.notebook.gates.Finding;
import dev.tito.notebook.jupytext.JupytextReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which files of a module folder are its notebooks (released), which are notebooks generated from them
 * (neither released nor copied), and what makes the folder unusable; every other file is a data file
 * copied with the release. A pure decision on the folder's file names and what each {@code .py} holds.
 *
 * @param notebooks the files released as notebooks, sorted by name
 * @param generated {@code .ipynb} files beside the {@code .py} they are generated from, mapped to that source
 * @param problems what stops the module from being released (errors naming the file)
 */
public record ModuleSources(
    List<Path> notebooks, Map<Path, Path> generated, List<Finding> problems) {

  /** What a top-level file of a module folder holds, as far as choosing its notebooks goes. */
  public enum Content {
    /** A {@code .ipynb} file. */
    IPYNB,
    /** A {@code .py} file with no {@code # %%} cell marker: plain Python. */
    PLAIN_PYTHON,
    /** A {@code .py} file with jupytext cells, none of which carries nbgrader metadata. */
    CELLS,
    /** A {@code .py} file with at least one {@code # %% ... nbgrader={...}} cell. */
    GRADED_CELLS,
    /** Anything else (markdown, data, ...). */
    OTHER
  }

  public ModuleSources {
    notebooks = List.copyOf(notebooks);
    generated = Map.copyOf(generated);
    problems = List.copyOf(problems);
  }

  /** One line per generated notebook, saying which file is the source instead. */
  public List<String> notes() {
    return new TreeMap<>(generated)
        .entrySet().stream()
            .map(
                entry ->
                    entry.getKey()
                        + ": not checked or released: "
                        + entry.getValue().getFileName()
                        + " beside it is the source (the .ipynb is generated from it)")
            .toList();
  }

  /**
   * Decides a module folder's notebooks from its top-level files.
   *
   * @param module the module's name (its folder's name)
   * @param files every top-level regular file of the folder, with what it holds
   */
  public static ModuleSources classify(
      String module, CourseModule.Layout layout, Map<Path, Content> files) {
    if (layout == CourseModule.Layout.NBGRADER) {
      // nbgrader's own layout: every .ipynb is a notebook, every other file is copied as it is
      List<Path> notebooks =
          files.entrySet().stream()
              .filter(file -> file.getValue() == Content.IPYNB)
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      return new ModuleSources(notebooks, Map.of(), List.of());
    }
    List<Path> pyNotebooks = new ArrayList<>();
    List<Finding> problems = new ArrayList<>();
    for (Map.Entry<Path, Content> file : new TreeMap<>(files).entrySet()) {
      boolean main = isMainSource(module, layout, stem(file.getKey()));
      switch (file.getValue()) {
        case GRADED_CELLS -> pyNotebooks.add(file.getKey());
        case CELLS -> {
          if (main) {
            pyNotebooks.add(file.getKey());
          }
        }
        case PLAIN_PYTHON -> {
          if (main) {
            problems.add(
                Finding.error(
                    file.getKey(),
                    null,
                    null,
                    null,
                    "plain Python, no '# %%' cell markers: the "
                        + "module's source must be a jupytext percent notebook"));
          }
        }
        default -> {}
      }
    }
    List<Path> notebooks = new ArrayList<>(pyNotebooks);
    Map<Path, Path> generated = new TreeMap<>();
    for (Map.Entry<Path, Content> file : new TreeMap<>(files).entrySet()) {
      if (file.getValue() == Content.IPYNB) {
        Path source = sourceOf(file.getKey(), pyNotebooks);
        if (source == null) {
          notebooks.add(file.getKey());
        } else {
          generated.put(file.getKey(), source);
        }
      }
    }
    List<Path> candidates =
        notebooks.stream()
            .filter(file -> isMainSource(module, layout, stem(file)))
            .sorted()
            .toList();
    if (candidates.size() > 1) {
      problems.add(
          Finding.error(
              candidates.get(0).getParent(),
              null,
              null,
              null,
              "two candidate sources for module "
                  + module
                  + ": "
                  + String.join(
                      " and ",
                      candidates.stream().map(file -> file.getFileName().toString()).toList())
                  + "; keep one (both would be released)"));
    }
    return new ModuleSources(notebooks.stream().sorted().toList(), generated, problems);
  }

  /**
   * The names TinyTorch gives a module's source: {@code src/NN_name/NN_name.py}; {@code modules/NN_name/name.py},
   * or {@code name_dev.py} in its earlier releases (and the {@code .ipynb} of either name).
   */
  static boolean isMainSource(String module, CourseModule.Layout layout, String stem) {
    return switch (layout) {
      case NBGRADER -> false;
      case TINYTORCH_SRC -> stem.equals(module);
      case TINYTORCH_MODULES -> stem.equals(shortName(module)) || stem.endsWith("_dev");
    };
  }

  /** {@code 01_tensor} is {@code tensor}. */
  static String shortName(String module) {
    return module.replaceFirst("^\\d+_", "");
  }

  /** The {@code .py} notebook an {@code .ipynb} is generated from: same stem, or TinyTorch's {@code <stem>_dev.py}. */
  private static Path sourceOf(Path ipynb, List<Path> pyNotebooks) {
    String stem = stem(ipynb);
    for (Path py : pyNotebooks) {
      if (stem(py).equals(stem) || stem(py).equals(stem + "_dev")) {
        return py;
      }
    }
    return null;
  }

  /** What a file holds, from its name (and, for {@code .py} files, its text). */
  public static Content contentOf(Path file, String pythonText) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".ipynb")) {
      return Content.IPYNB;
    }
    if (!name.endsWith(".py")) {
      return Content.OTHER;
    }
    boolean cells = false;
    for (String line : pythonText.split("\n", -1)) {
      if (JupytextReader.isCellMarker(line)) {
        if (line.contains("nbgrader")) {
          return Content.GRADED_CELLS;
        }
        cells = true;
      }
    }
    return cells ? Content.CELLS : Content.PLAIN_PYTHON;
  }

  static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
