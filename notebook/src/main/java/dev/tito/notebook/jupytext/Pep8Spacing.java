package dev.tito.notebook.jupytext;

import java.util.ArrayList;
import java.util.List;

/** jupytext's {@code pep8.py}: how many blank lines PEP 8 puts between two cells of a {@code .py} file. */
final class Pep8Spacing {
  private Pep8Spacing() {}

  static int linesBetween(List<String> previous, List<String> next) {
    if (next.isEmpty()) {
      return 1;
    }
    if (previous.isEmpty()) {
      return 0;
    }
    if (endsWithFunctionOrClass(previous)) {
      return hasCode(next) ? 2 : 1;
    }
    if (endsWithCode(previous) && nextInstructionIsFunctionOrClass(next)) {
      return 2;
    }
    return 1;
  }

  private static boolean nextInstructionIsFunctionOrClass(List<String> lines) {
    PythonStringParser parser = new PythonStringParser();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (parser.isQuoted()) {
        parser.readLine(line);
        continue;
      }
      parser.readLine(line);
      if (line.isBlank()) {
        if (i > 0 && lines.get(i - 1).isBlank()) {
          return false;
        }
        continue;
      }
      if (line.startsWith("def ") || line.startsWith("class ")) {
        return true;
      }
      if (line.startsWith("#")
          || line.startsWith("@")
          || line.startsWith(" ")
          || line.startsWith(")")) {
        continue;
      }
      return false;
    }
    return false;
  }

  private static boolean endsWithFunctionOrClass(List<String> lines) {
    PythonStringParser parser = new PythonStringParser();
    List<String> unquoted = new ArrayList<>();
    for (String line : lines) {
      if (!parser.isQuoted()) {
        unquoted.add(line);
      }
      parser.readLine(line);
    }
    for (int i = unquoted.size() - 1; i >= 0; i--) {
      String line = unquoted.get(i);
      if (line.isBlank()) {
        if (i < unquoted.size() - 1 && unquoted.get(i + 1).isBlank()) {
          return false;
        }
        continue;
      }
      if (line.startsWith("#") || line.startsWith(" ") || line.startsWith(")")) {
        continue;
      }
      return line.startsWith("def ") || line.startsWith("class ");
    }
    return false;
  }

  private static boolean endsWithCode(List<String> lines) {
    String last = lines.get(lines.size() - 1);
    return !last.isBlank() && !last.startsWith("#");
  }

  private static boolean hasCode(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String stripped = lines.get(i).strip();
      if (stripped.startsWith("#")) {
        continue;
      }
      if (stripped.isEmpty()) {
        if (i > 0 && lines.get(i - 1).isBlank()) {
          return false;
        }
        continue;
      }
      return true;
    }
    return false;
  }
}
