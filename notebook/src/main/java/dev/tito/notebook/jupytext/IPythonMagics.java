package dev.tito.notebook.jupytext;

import java.util.List;
import java.util.regex.Pattern;

/**
 * jupytext's {@code magics.py} for Python: in a {@code .py} file, IPython magics ({@code %time},
 * {@code !ls}, {@code cd dir}, {@code name?}) are commented out; reading uncomments them.
 */
final class IPythonMagics {
  private static final Pattern FORCE_ESCAPE =
      Pattern.compile("^\\s*(# |#)*(%|%%|%%%)[a-zA-Z](.*)#\\s*escape");
  private static final Pattern NO_ESCAPE =
      Pattern.compile("^\\s*(# |#)*(%|%%|%%%)[a-zA-Z](.*)#\\s*noescape");
  private static final Pattern MAGIC = Pattern.compile("^\\s*(# |#)*(%|%%|%%%)[a-zA-Z]");
  private static final Pattern HELP_OR_SHELL =
      Pattern.compile("^\\s*(# |#)*\\s*(\\?|!)\\s*[A-Za-z.~$\\\\/{}]");
  private static final Pattern MAGIC_ASSIGN =
      Pattern.compile("^(# |#)*\\s*([a-zA-Z_][a-zA-Z_$0-9]*)\\s*=\\s*(%|%%|%%%|!)[a-zA-Z](.*)");
  private static final Pattern HELP_QUESTION = Pattern.compile("^\\s*(# )*\\S*\\?\\s*$");
  private static final Pattern SHELL_COMMAND =
      Pattern.compile(
          "^(# |#)*(cat|cd|cp|mv|rm|rmdir|mkdir|copy|ddir|echo|ls|ldir|ren)($|\\s$|\\s[^=,])");
  private static final Pattern LINE_CONTINUATION = Pattern.compile(".*\\\\\\s*$");
  private static final Pattern ESCAPED_CODE_START = Pattern.compile("^(# |#)*(#|# )\\+");

  private IPythonMagics() {}

  static boolean isMagic(String line) {
    if (FORCE_ESCAPE.matcher(line).find()) {
      return true;
    }
    if (NO_ESCAPE.matcher(line).find()) {
      return false;
    }
    return MAGIC.matcher(line).find()
        || HELP_OR_SHELL.matcher(line).find()
        || MAGIC_ASSIGN.matcher(line).find()
        || HELP_QUESTION.matcher(line).find()
        || SHELL_COMMAND.matcher(line).find();
  }

  /** Uncomments commented magics in place (and the continuation lines of a multi-line magic). */
  static void uncommentMagics(List<String> lines) {
    PythonStringParser parser = new PythonStringParser();
    boolean continuation = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!parser.isQuoted() && (continuation || isMagic(line))) {
        lines.set(i, uncommentOnce(line));
        continuation = LINE_CONTINUATION.matcher(line).matches();
      }
      parser.readLine(line);
    }
  }

  /** Unescapes a commented jupytext light-format marker ({@code # # +}) in place. */
  static void unescapeCodeStart(List<String> lines) {
    PythonStringParser parser = new PythonStringParser();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!parser.isQuoted() && ESCAPED_CODE_START.matcher(line).find()) {
        String unescaped = uncommentOnce(line);
        if (ESCAPED_CODE_START.matcher(unescaped).find()) {
          lines.set(i, unescaped);
        }
      }
      parser.readLine(line);
    }
  }

  private static String uncommentOnce(String line) {
    String unindented = line.stripLeading();
    String indent = line.substring(0, line.length() - unindented.length());
    if (unindented.startsWith("# ")) {
      return indent + unindented.substring(2);
    }
    if (unindented.startsWith("#")) {
      return indent + unindented.substring(1);
    }
    return line;
  }
}
