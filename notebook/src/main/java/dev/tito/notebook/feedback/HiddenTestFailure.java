package dev.tito.notebook.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.release.ClearHiddenTests;
import dev.tito.notebook.release.DelimitedRegions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a student is told of an error in a test cell that holds hidden tests, without the hidden source: the error's
 * name and message, said to come from a hidden test when the traceback's own cell line is inside a hidden region.
 */
final class HiddenTestFailure {
  /** The cell's frame, as IPython 8 ({@code Cell In[5], line 6}) and 7 ({@code <cell line: 6>}) print it. */
  private static final Pattern CELL_LINE =
      Pattern.compile("Cell In ?\\[\\d*\\], line (\\d+)|<cell line: (\\d+)>");

  private HiddenTestFailure() {}

  /** One line for an error output of a cell whose source (hidden tests in place) is {@code source}. */
  static String describe(String source, JsonNode error) {
    String oneLine = OutputText.error(error, false);
    Integer line = cellLine(error);
    if (line == null) {
      return "A test of this cell failed: " + oneLine;
    }
    boolean hidden =
        DelimitedRegions.replace(source, ClearHiddenTests.BEGIN, ClearHiddenTests.END, null)
            .removed()
            .stream()
            .anyMatch(l -> l.number() == line);
    return (hidden ? "Hidden test failed: " : "") + oneLine;
  }

  /** The line of the cell itself the error passed through (the traceback's first frame), or null. */
  static Integer cellLine(JsonNode error) {
    for (JsonNode entry : error.path("traceback")) {
      Matcher frame = CELL_LINE.matcher(OutputText.plain(entry.asText()));
      if (frame.find()) {
        return Integer.valueOf(frame.group(1) != null ? frame.group(1) : frame.group(2));
      }
    }
    return null;
  }
}
