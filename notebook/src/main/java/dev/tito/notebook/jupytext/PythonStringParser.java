package dev.tito.notebook.jupytext;

/**
 * Tells whether the next line of Python starts inside a string literal, as jupytext's
 * {@code StringParser} does, so that a {@code # %%} inside a docstring is not a cell marker.
 */
final class PythonStringParser {
  private char single;
  private char triple;
  private int tripleStart;

  boolean isQuoted() {
    return single != 0 || triple != 0;
  }

  void readLine(String line) {
    // a commented-out line outside any string cannot open one
    if (!isQuoted() && line.stripLeading().startsWith("#")) {
      return;
    }
    tripleStart = -1;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (single == 0 && triple == 0 && c == '#') {
        break;
      }
      if (c != '"' && c != '\'') {
        continue;
      }
      if (i > 0 && line.charAt(i - 1) == '\\') {
        continue;
      }
      if (single == c) {
        single = 0;
        continue;
      }
      if (single != 0) {
        continue;
      }
      if (i >= 2 && line.charAt(i - 1) == c && line.charAt(i - 2) == c && i >= tripleStart + 3) {
        if (triple == c) {
          triple = 0;
          tripleStart = i;
          continue;
        }
        if (triple != 0) {
          continue;
        }
        triple = c;
        tripleStart = i;
        continue;
      }
      if (triple != 0) {
        continue;
      }
      single = c;
    }
    single = 0;
  }
}
