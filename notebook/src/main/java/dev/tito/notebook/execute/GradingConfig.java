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
    try (InputStream in = GradingConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      String timeout = perCellTimeout == null ? "None" : Long.toString(perCellTimeout.toSeconds());
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          + "c.ExecutePreprocessor.timeout = " + timeout + "\n"
          // a JSON object of strings is also a Python dict literal
          + "__import__(\"os\").environ.update(" + new ObjectMapper().writeValueAsString(
              new TreeMap<>(purpose.environment())) + ")\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
