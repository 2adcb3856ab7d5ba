package dev.tito.notebook.release;

import java.util.ArrayList;
import java.util.List;

/**
 * nbgrader's region algorithm, shared by solutions, hidden tests and mark schemes: lines are split on
 * {@code \n} only; a line containing BEGIN opens a region (and is replaced by the stub, indented like
 * it, or dropped), a line containing END closes it (even when none is open), lines inside are dropped.
 */
public final class DelimitedRegions {
  private DelimitedRegions() {}

  /** A region problem at a 1-based line of the cell. */
  public static final class UnbalancedException extends RuntimeException {
    /** NESTED: a BEGIN inside an open region; UNTERMINATED: a region still open at the end. */
    public enum Kind {
      NESTED,
      UNTERMINATED
    }

    private final Kind kind;
    private final int line;

    UnbalancedException(Kind kind, int line) {
      super(kind + " at line " + line);
      this.kind = kind;
      this.line = line;
    }

    public Kind kind() {
      return kind;
    }

    public int line() {
      return line;
    }
  }

  /** One line of the original source with its 1-based number. */
  public record Line(int number, String text) {}

  /**
   * @param text the source with every region replaced
   * @param found whether any BEGIN line was seen
   * @param removed the lines that were inside regions (delimiter lines excluded)
   * @param strayEnds END lines seen while no region was open (nbgrader drops them silently)
   */
  public record Result(String text, boolean found, List<Line> removed, List<Line> strayEnds) {}

  /**
   * Replaces every region; {@code stub} lines (null or empty to insert nothing) are each prefixed with
   * the BEGIN line's leading whitespace. A source holding neither delimiter is returned as it is.
   */
  public static Result replace(String source, String begin, String end, List<String> stub) {
    if (!source.contains(begin) && !source.contains(end)) {
      return new Result(source, false, List.of(), List.of());
    }
    StringBuilder out = new StringBuilder(source.length());
    List<Line> removed = new ArrayList<>();
    List<Line> strayEnds = new ArrayList<>();
    boolean inside = false;
    boolean found = false;
    int openedAt = 0;
    boolean firstOut = true;
    int number = 0;
    for (int start = 0; start <= source.length(); ) {
      int newline = source.indexOf('\n', start);
      int stop = newline < 0 ? source.length() : newline;
      String line = source.substring(start, stop);
      start = stop + 1;
      number++;
      if (line.contains(begin)) {
        if (inside) {
          throw new UnbalancedException(UnbalancedException.Kind.NESTED, number);
        }
        inside = true;
        found = true;
        openedAt = number;
        if (stub != null) {
          int indent = leadingWhitespace(line);
          for (String stubLine : stub) {
            firstOut = startLine(out, firstOut);
            out.append(line, 0, indent).append(stubLine);
          }
        }
      } else if (line.contains(end)) {
        if (!inside) {
          strayEnds.add(new Line(number, line));
        }
        inside = false;
      } else if (inside) {
        removed.add(new Line(number, line));
      } else {
        firstOut = startLine(out, firstOut);
        out.append(line);
      }
    }
    if (inside) {
      throw new UnbalancedException(UnbalancedException.Kind.UNTERMINATED, openedAt);
    }
    return new Result(out.toString(), found, removed, strayEnds);
  }

  private static boolean startLine(StringBuilder out, boolean first) {
    if (!first) {
      out.append('\n');
    }
    return false;
  }

  /** Length of Python's {@code re.match(r"\s*", line)}: spaces, tabs and other Unicode whitespace. */
  static int leadingWhitespace(String line) {
    int i = 0;
    while (i < line.length()
        && (Character.isWhitespace(line.charAt(i)) || Character.isSpaceChar(line.charAt(i)))) {
      i++;
    }
    return i;
  }
}
