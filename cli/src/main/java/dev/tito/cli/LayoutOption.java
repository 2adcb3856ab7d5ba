package dev.tito.cli;

import dev.tito.notebook.course.Course;
import dev.tito.notebook.course.CourseModule;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --layout}: which folder of a course holds its modules, for courses (TinyTorch's) that have two. */
final class LayoutOption {
  @Option(
      names = "--layout",
      paramLabel = "FOLDER",
      converter = LayoutConverter.class,
      description =
          "Only the modules in this folder of the course: source (nbgrader), modules (TinyTorch) or src "
              + "(TinyTorch's older layout). Needed when a module is in two of them; default: all three.")
  CourseModule.Layout layout;

  Course open(Path courseDir) {
    return Course.open(courseDir, layout);
  }

  static final class LayoutConverter
      implements picocli.CommandLine.ITypeConverter<CourseModule.Layout> {
    @Override
    public CourseModule.Layout convert(String value) {
      try {
        return CourseModule.Layout.inFolder(value);
      } catch (RuntimeException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is none of source, modules, src");
      }
    }
  }
}
