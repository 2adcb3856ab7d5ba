package dev.tito.cli;

import dev.tito.notebook.testing.SampleCourse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine;

/** One in-process run of {@code tito}: exit code and what it printed. */
public record TitoRun(int exitCode, String out, String err) {
  public static TitoRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine tito = Tito.commandLine();
    tito.setOut(new PrintWriter(out, true));
    tito.setErr(new PrintWriter(err, true));
    int exit = tito.execute(args);
    return new TitoRun(exit, out.toString(), err.toString());
  }

  /** The sample course of the repository, copied so a test can write its release. */
  public static Path sampleCourseIn(Path dir) {
    return SampleCourse.in(dir);
  }

  public static void copyTree(Path from, Path to) {
    SampleCourse.copyTree(from, to);
  }

  /** Every file under {@code dir} with its bytes, to show a failed run changed nothing. */
  public static Map<String, String> snapshot(Path dir) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.toList()) {
        files.put(
            dir.relativize(path).toString(),
            Files.isRegularFile(path) ? Files.readString(path) : "<dir>");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
