package dev.tito.notebook.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an error output of an executed cell as a person reads IPython's traceback: the error's last line
 * ({@code AssertionError: text}), the code line it was raised at, and the line of the cell it started from.
 */
final class Tracebacks {
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

  /** IPython's frame header for code typed in a cell: {@code Cell In[3], line 2} (IPython 8+), {@code Input In [3]}. */
  private static final Pattern CELL_FRAME =
      Pattern.compile("^(?:Cell In ?\\[\\d*\\]|Input In ?\\[\\d*\\]), line (\\d+)");

  /** The marked line of a frame: {@code ----> 2 assert x == 1}. */
  private static final Pattern MARKED = Pattern.compile("^\\s*-+>\\s*(\\d+)\\s?(.*)$");

  private static final int MAX = 200;

  private Tracebacks() {}

  /** {@code ename: evalue (at: code)}, on one line, cut to a readable length. */
  static String summary(JsonNode error) {
    String name = error.path("ename").asText("");
    String value = error.path("evalue").asText("").strip();
    String last = value.isEmpty() ? name : name + ": " + firstLine(value);
    String at = raisedAt(error);
    return cut(last) + (at == null ? "" : " (at: " + cut(at) + ")");
  }

  /** The line of the cell the error came from (the first frame that is the cell's own code), or null. */
  static Integer lineInCell(JsonNode error) {
    for (String line : lines(error)) {
      Matcher frame = CELL_FRAME.matcher(line.strip());
      if (frame.find()) {
        return Integer.valueOf(frame.group(1));
      }
    }
    return null;
  }

  /** The code line the error was raised at: the innermost frame's marked line, or null. */
  static String raisedAt(JsonNode error) {
    String at = null;
    for (String line : lines(error)) {
      Matcher marked = MARKED.matcher(line);
      if (marked.matches() && !marked.group(2).isBlank()) {
        at = marked.group(2).strip();
      }
    }
    return at;
  }

  private static List<String> lines(JsonNode error) {
    List<String> lines = new ArrayList<>();
    for (JsonNode part : error.path("traceback")) {
      for (String line : ANSI.matcher(part.asText("")).replaceAll("").split("\n")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String firstLine(String text) {
    return text.split("\n", 2)[0].strip();
  }

  private static String cut(String text) {
    return text.length() > MAX ? text.substring(0, MAX) + "..." : text;
  }
}
