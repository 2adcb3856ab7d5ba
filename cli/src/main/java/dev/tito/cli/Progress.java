package dev.tito.cli;

import java.io.PrintWriter;

/**
 * Progress of a run over several items (modules released, submissions graded, grades read) on stderr: a bar
 * redrawn in place on a terminal, one plain line per item otherwise (so logs and CI output stay readable).
 */
final class Progress {
  private static final int BAR_WIDTH = 30;

  private final PrintWriter err;
  private final boolean shown;
  private final boolean terminal;
  private final int total;

  /** {@code shown} false prints only messages (a single item needs no progress). */
  Progress(PrintWriter err, boolean shown, boolean terminal, int total) {
    this.err = err;
    this.shown = shown;
    this.terminal = shown && terminal;
    this.total = total;
  }

  /** True when stdin and stdout are a terminal: Java 17 cannot ask about stderr alone. */
  static boolean onTerminal() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  void starting(int index, String module) {
    if (terminal) {
      int filled = BAR_WIDTH * index / total;
      err.print(
          "\r\033[K["
              + "#".repeat(filled)
              + ".".repeat(BAR_WIDTH - filled)
              + "] "
              + index
              + "/"
              + total
              + " "
              + module);
      err.flush();
    }
  }

  void finished(int index, String module, String status) {
    if (shown && !terminal) {
      err.println("[" + (index + 1) + "/" + total + "] " + module + ": " + status);
      err.flush();
    }
  }

  /** Clears the bar so the summary starts on a clean line. */
  void close() {
    if (terminal) {
      err.print("\r\033[K");
      err.flush();
    }
  }

  /** Prints a message (an error) without tearing the bar. */
  void message(String line) {
    if (terminal) {
      err.print("\r\033[K");
    }
    err.println(line);
    err.flush();
  }
}
