package dev.tito.notebook.ipynb;

/**
 * Makes an error message safe to print as one line: messages quote file contents (a student's file, a
 * grading Job's output), and a line break there would split the error or forge log lines.
 */
public final class OneLineMessage {
  /** Longer messages are cut: they quote input, and one line should stay readable. */
  static final int MAX_CHARS = 1000;

  private OneLineMessage() {}

  /** Line breaks and other control characters written as escapes ({@code \n}, {@code \u0007}), cut to a length. */
  public static String of(String message) {
    if (message == null) {
      return null;
    }
    StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_CHARS + 16));
    for (int i = 0; i < message.length() && line.length() < MAX_CHARS; i++) {
      char c = message.charAt(i);
      switch (c) {
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    return line.length() < MAX_CHARS || line.length() == message.length()
        ? line.toString()
        : line + "...";
  }
}
