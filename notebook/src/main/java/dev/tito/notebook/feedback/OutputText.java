package dev.tito.notebook.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** What a code cell's output says, as plain text: terminal colour codes removed, an error as its traceback. */
public final class OutputText {
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

  private OutputText() {}

  /** Text without terminal escape sequences (IPython colours its tracebacks). */
  public static String plain(String text) {
    return ANSI.matcher(text).replaceAll("");
  }

  /** An error output's traceback, or {@code ename: evalue} when it has none (or the source must not be shown). */
  public static String error(JsonNode error, boolean withTraceback) {
    String oneLine = error.path("ename").asText() + ": " + error.path("evalue").asText();
    if (!withTraceback) {
      return plain(oneLine);
    }
    StringBuilder text = new StringBuilder();
    error.path("traceback").forEach(line -> text.append(line.asText()).append('\n'));
    return plain(text.length() == 0 ? oneLine : text.toString());
  }
}
