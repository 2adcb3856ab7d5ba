package dev.tito.notebook.ipynb;

import java.util.ArrayList;
import java.util.List;

/** Python's {@code str.splitlines(keepends=True)}, which nbformat uses to store multi-line strings. */
public final class PythonLines {
  private PythonLines() {}

  public static List<String> splitKeepEnds(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (isLineBreak(c)) {
        int end = i + 1;
        if (c == '\r' && end < n && text.charAt(end) == '\n') {
          end++;
        }
        lines.add(text.substring(start, end));
        start = end;
        i = end;
      } else {
        i++;
      }
    }
    if (start < n) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  static boolean isLineBreak(char c) {
    switch (c) {
      case '\n':
      case '\r':
      case '\u000b':
      case '\u000c':
      case '\u001c':
      case '\u001d':
      case '\u001e':
      case '\u0085':
      case '\u2028':
      case '\u2029':
        return true;
      default:
        return false;
    }
  }
}
