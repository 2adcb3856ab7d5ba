package dev.tito.notebook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One module (nbgrader: assignment) of a course: its name, the folder its instructor files are in,
 * and which files of that folder are notebooks (the rest are copied as they are on release).
 */
public record CourseModule(String name, Path sourceDir, Layout layout) {

  /** Where a module's source lives, and which of its files are notebooks ({@link ModuleSources#classify}). */
  public enum Layout {
    /** nbgrader's {@code source/<module>/*.ipynb}. */
    NBGRADER("source"),
    /** TinyTorch's older {@code src/NN_name/NN_name.py} (jupytext percent). */
    TINYTORCH_SRC("src"),
    /** TinyTorch's {@code modules/NN_name/name.py} (or {@code name_dev.py}), with a generated {@code name.ipynb}. */
    TINYTORCH_MODULES("modules");

    private final String folder;

    Layout(String folder) {
      this.folder = folder;
    }

    /** The course sub-folder holding one folder per module. */
    public String folder() {
      return folder;
    }

    /** The layout whose modules live in {@code folder} ({@code source}, {@code src} or {@code modules}). */
    public static Layout inFolder(String folder) {
      for (Layout layout : values()) {
        if (layout.folder.equals(folder)) {
          return layout;
        }
      }
      throw new CourseException(
          "no layout keeps its modules in " + folder + "/ (source, src or modules)");
    }
  }

  /**
   * The module in a folder given on its own (not inside a course): the layout its parent folder names
   * ({@code source/}, {@code src/}, {@code modules/}); otherwise TinyTorch's when the folder holds jupytext
   * notebooks, nbgrader's ({@code *.ipynb}) when it does not.
   */
  public static CourseModule inFolder(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    String name = absolute.getFileName() == null ? "" : absolute.getFileName().toString();
    Path parent = absolute.getParent();
    if (parent != null && parent.getFileName() != null) {
      for (Layout layout : Layout.values()) {
        if (layout.folder().equals(parent.getFileName().toString())) {
          return new CourseModule(name, dir, layout);
        }
      }
    }
    for (Layout layout : new Layout[] {Layout.TINYTORCH_SRC, Layout.TINYTORCH_MODULES}) {
      CourseModule module = new CourseModule(name, dir, layout);
      if (!module.notebooks().isEmpty()) {
        return module;
      }
    }
    return new CourseModule(name, dir, Layout.NBGRADER);
  }

  /** Reads the folder and decides which of its files are notebooks. */
  public ModuleSources sources() {
    Map<Path, ModuleSources.Content> files = new TreeMap<>();
    try (Stream<Path> listing = Files.list(sourceDir)) {
      for (Path file : listing.filter(Files::isRegularFile).toList()) {
        boolean python = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".py");
        String text =
            python && layout != Layout.NBGRADER
                ? Files.readString(file, StandardCharsets.ISO_8859_1)
                : "";
        files.put(file, ModuleSources.contentOf(file, text));
      }
    } catch (IOException e) {
      throw new CourseException(sourceDir + ": cannot list: " + e.getMessage());
    }
    return ModuleSources.classify(name, layout, files);
  }

  /** This module's notebooks, sorted by file name. */
  public List<Path> notebooks() {
    return sources().notebooks();
  }

  /** Is {@code file} (directly in {@link #sourceDir()}) one of this module's notebooks? */
  public boolean isNotebook(Path file) {
    return notebooks().contains(file);
  }
}
