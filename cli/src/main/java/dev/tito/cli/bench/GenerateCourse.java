package dev.tito.cli.bench;

import dev.tito.notebook.course.Course;
import dev.tito.notebook.course.CourseException;
import dev.tito.notebook.course.CourseModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Makes a course of N modules for the whole-process benchmark, cycling through a template course's modules. */
@Command(
    name = "course",
    mixinStandardHelpOptions = true,
    description = "Generate a course of --modules modules in DIR from the modules of --from.")
final class GenerateCourse implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Where to create the course (must not exist).")
  Path target;

  @Option(
      names = "--modules",
      defaultValue = "20",
      description = "Number of modules (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--from",
      paramLabel = "COURSE",
      defaultValue = "samples/course",
      description = "Template course (default: ${DEFAULT-VALUE}).")
  Path template;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(target)) {
      throw new CourseException(target + ": already exists");
    }
    List<CourseModule> modules = Course.open(template).modules();
    if (modules.isEmpty()) {
      throw new CourseException(template + ": no modules to copy");
    }
    for (int i = 0; i < count; i++) {
      CourseModule module = modules.get(i % modules.size());
      String name =
          String.format(Locale.ROOT, "%02d_%s", i + 1, module.name().replaceFirst("^\\d+_", ""));
      Path dir = target.resolve(module.layout().folder()).resolve(name);
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(module.sourceDir())) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          // TinyTorch's layout names the notebook after its folder
          String fileName =
              module.notebooks().contains(file)
                      && module.layout() == CourseModule.Layout.TINYTORCH_SRC
                  ? name + ".py"
                  : file.getFileName().toString();
          Files.copy(file, dir.resolve(fileName));
        }
      }
    }
    spec.commandLine().getOut().println(target + ": " + count + " modules");
    return 0;
  }
}
