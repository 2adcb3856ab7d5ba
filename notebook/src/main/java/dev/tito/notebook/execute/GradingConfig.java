package dev.tito.notebook.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.TreeMap;

/**
 * tito's nbconvert settings for a grading run ({@code grading_config.py}): nbgrader's Execute semantics, the
 * run's per-cell timeout, and the environment nbgrader gives student code for the run's purpose (set in the
 * config so that a run started by someone else, a grading Job's execute container, gets it too).
 */
public final class GradingConfig {
  private static final String RESOURCE = "grading_config.py";

  private GradingConfig() {}

  /** @param perCellTimeout null for no per-cell limit */
  public static String text(Duration perCellTimeout, ExecutionPurpose purpose) {
    try {
      String timeout = perCellTimeout == null ? "None" : Long.toString(perCellTimeout.toSeconds());
      return settings()
          + "c.ExecutePreprocessor.timeout = "
          + timeout
          + "\n"
          // a JSON object of strings is also a Python dict literal
          + "__import__(\"os\").environ.update("
          + new ObjectMapper().writeValueAsString(new TreeMap<>(purpose.environment()))
          + ")\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The settings every run shares; the grading worker takes the timeout and environment per run instead. */
  static String settings() {
    return resource(RESOURCE);
  }

  /** A text resource of this package (the Python tito runs). */
  static String resource(String name) {
    try (InputStream in = GradingConfig.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name + ": " + e.getMessage(), e);
    }
  }
}
