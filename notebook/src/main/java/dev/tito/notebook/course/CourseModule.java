package dev.tito.notebook.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One module (nbgrader: assignment) of a course: its name, the folder its instructor files are in,
 * and which files of that folder are notebooks (the rest are copied as they are on release).
 */
public record CourseModule(String name, Path sourceDir, Layout layout) {

  /** Where a module's source lives, and which of its files are notebooks. */
  public enum Layout {
    /** nbgrader's {@code source/<module>/*.ipynb}. */
    NBGRADER("source"),
    /** TinyTorch's {@code src/NN_name/NN_name.py} (jupytext percent). */
    TINYTORCH_SRC("src"),
    /** Earlier TinyTorch releases: {@code modules/NN_name/*_dev.py} (jupytext percent). */
    TINYTORCH_MODULES("modules");

    private final String folder;

    Layout(String folder) {
      this.folder = folder;
    }

    /** The course sub-folder holding one folder per module. */
    public String folder() {
      return folder;
    }

    boolean isNotebook(String module, Path file) {
      String name = file.getFileName().toString();
      return switch (this) {
        case NBGRADER -> name.endsWith(".ipynb");
        case TINYTORCH_SRC -> name.equals(module + ".py");
        case TINYTORCH_MODULES -> name.endsWith("_dev.py");
      };
    }
  }

  /**
   * The module in a folder given on its own (not inside a course): TinyTorch's layout when the folder
   * holds {@code <folder>.py} or {@code *_dev.py} files, nbgrader's ({@code *.ipynb}) otherwise.
   */
  public static CourseModule inFolder(Path dir) {
    String name = dir.toAbsolutePath().normalize().getFileName().toString();
    for (Layout layout : new Layout[] {Layout.TINYTORCH_SRC, Layout.TINYTORCH_MODULES}) {
      CourseModule module = new CourseModule(name, dir, layout);
      if (!module.notebooks().isEmpty()) {
        return module;
      }
    }
    return new CourseModule(name, dir, Layout.NBGRADER);
  }

  /** This module's notebooks, sorted by file name. */
  public List<Path> notebooks() {
    try (Stream<Path> files = Files.list(sourceDir)) {
      return files.filter(Files::isRegularFile).filter(file -> layout.isNotebook(name, file)).sorted().toList();
    } catch (IOException e) {
      throw new CourseException(sourceDir + ": cannot list: " + e.getMessage());
    }
  }

  /** Is {@code file} (directly in {@link #sourceDir()}) one of this module's notebooks? */
  public boolean isNotebook(Path file) {
    return layout.isNotebook(name, file);
  }
}
