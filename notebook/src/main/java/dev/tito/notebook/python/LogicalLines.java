package dev.tito.notebook.python;

import java.util.ArrayList;
import java.util.List;

/**
 * Python source split into logical lines of tokens, as Python's tokenizer would: brackets and backslashes
 * join physical lines, comments are dropped, string literals are opaque, and each line keeps the indentation
 * of its first physical line. Tolerant: an unterminated string or bracket ends at the end of the source.
 */
public final class LogicalLines {
  private static final String[] OPERATORS = {
    "**=", "//=", ">>=", "<<=", "...", "==", "!=", "<=", ">=", "->", ":=", "**", "//", "<<", ">>",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="
  };

  /** One token: a name, an operator, or a placeholder for a string or number literal. */
  public record Token(Kind kind, String text, int line) {
    public enum Kind {
      NAME,
      OPERATOR,
      LITERAL
    }

    public boolean is(String operatorOrName) {
      return kind != Kind.LITERAL && text.equals(operatorOrName);
    }
  }

  /** A logical line: its tokens, the 1-based line it starts on, and its indentation in columns. */
  public record Line(List<Token> tokens, int number, int indent) {
    public Line {
      tokens = List.copyOf(tokens);
    }

    public boolean startsWith(String word) {
      return !tokens.isEmpty() && tokens.get(0).is(word);
    }
  }

  private final String source;
  private final List<Line> lines = new ArrayList<>();
  private List<Token> current = new ArrayList<>();
  private int pos;
  private int lineNumber = 1;
  private int depth;
  private int startLine;
  private int startIndent;
  private boolean atLineStart = true;

  private LogicalLines(String source) {
    this.source = source;
  }

  public static List<Line> of(String source) {
    LogicalLines reader = new LogicalLines(source);
    reader.read();
    return reader.lines;
  }

  private void read() {
    while (pos < source.length()) {
      if (atLineStart && depth == 0 && current.isEmpty()) {
        startIndent = indentation();
        startLine = lineNumber;
        atLineStart = false;
        continue;
      }
      char c = source.charAt(pos);
      if (c == '\n') {
        newline();
      } else if (c == '\\' && pos + 1 < source.length() && source.charAt(pos + 1) == '\n') {
        pos += 2;
        lineNumber++;
      } else if (c == '#') {
        while (pos < source.length() && source.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (startsString()) {
        string();
      } else if (Character.isDigit(c)
          || c == '.' && pos + 1 < source.length() && Character.isDigit(source.charAt(pos + 1))) {
        number();
      } else if (Character.isLetter(c)
          || c == '_'
          || c > 127 && Character.isUnicodeIdentifierStart(c)) {
        name();
      } else {
        operator();
      }
    }
    endLine();
  }

  private int indentation() {
    int columns = 0;
    while (pos < source.length()
        && (source.charAt(pos) == ' '
            || source.charAt(pos) == '\t'
            || source.charAt(pos) == '\f')) {
      columns = source.charAt(pos) == '\t' ? (columns / 8 + 1) * 8 : columns + 1;
      pos++;
    }
    return columns;
  }

  private void newline() {
    pos++;
    lineNumber++;
    if (depth == 0) {
      endLine();
      atLineStart = true;
    }
  }

  private void endLine() {
    if (!current.isEmpty()) {
      lines.add(new Line(current, startLine, startIndent));
      current = new ArrayList<>();
    }
  }

  private boolean startsString() {
    int i = pos;
    while (i < source.length() && i - pos < 2 && "rRbBuUfF".indexOf(source.charAt(i)) >= 0) {
      i++;
    }
    return i < source.length() && (source.charAt(i) == '"' || source.charAt(i) == '\'');
  }

  private void string() {
    int line = lineNumber;
    while (source.charAt(pos) != '"' && source.charAt(pos) != '\'') {
      pos++;
    }
    char quote = source.charAt(pos);
    boolean triple = source.startsWith(String.valueOf(quote).repeat(3), pos);
    String end = triple ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
    pos += end.length();
    while (pos < source.length() && !source.startsWith(end, pos)) {
      char c = source.charAt(pos);
      if (c == '\n') {
        lineNumber++;
        if (!triple) {
          break;
        }
      }
      pos +=
          c == '\\' && pos + 1 < source.length()
              ? (source.charAt(pos + 1) == '\n' ? countNewline(2) : 2)
              : 1;
    }
    if (pos < source.length() && source.startsWith(end, pos)) {
      pos += end.length();
    }
    current.add(new Token(Token.Kind.LITERAL, "", line));
  }

  private int countNewline(int advance) {
    lineNumber++;
    return advance;
  }

  private void number() {
    int start = pos;
    while (pos < source.length()) {
      char c = source.charAt(pos);
      boolean exponentSign =
          (c == '+' || c == '-')
              && pos > start
              && "eE".indexOf(source.charAt(pos - 1)) >= 0
              && !source.substring(start, pos).toLowerCase().startsWith("0x");
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || exponentSign)) {
        break;
      }
      pos++;
    }
    current.add(new Token(Token.Kind.LITERAL, source.substring(start, pos), lineNumber));
  }

  private void name() {
    int start = pos;
    while (pos < source.length()
        && (Character.isLetterOrDigit(source.charAt(pos))
            || source.charAt(pos) == '_'
            || source.charAt(pos) > 127 && Character.isUnicodeIdentifierPart(source.charAt(pos)))) {
      pos++;
    }
    current.add(new Token(Token.Kind.NAME, source.substring(start, pos), lineNumber));
  }

  private void operator() {
    String text = String.valueOf(source.charAt(pos));
    for (String candidate : OPERATORS) {
      if (source.startsWith(candidate, pos)) {
        text = candidate;
        break;
      }
    }
    pos += text.length();
    if ("([{".contains(text)) {
      depth++;
    } else if (")]}".contains(text) && depth > 0) {
      depth--;
    }
    current.add(new Token(Token.Kind.OPERATOR, text, lineNumber));
  }
}
