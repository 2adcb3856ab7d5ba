package dev.tito.cli;

import java.io.PrintWriter;

/** One line redrawn in place on a terminal: {@code [#####.....] 12/30 label}; nothing when off. */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;

  ProgressBar(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  synchronized void show(int done, int total, String label) {
    if (enabled) {
      int filled = total <= 0 ? 0 : WIDTH * Math.min(done, total) / total;
      err.print(
          "\r["
              + "#".repeat(filled)
              + " ".repeat(WIDTH - filled)
              + "] "
              + done
              + "/"
              + total
              + " "
              + label
              + "\u001b[K");
      err.flush();
    }
  }

  synchronized void clear() {
    if (enabled) {
      err.print("\r\u001b[K");
      err.flush();
    }
  }
}
