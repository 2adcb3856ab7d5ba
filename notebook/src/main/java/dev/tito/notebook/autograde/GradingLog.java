package dev.tito.notebook.autograde;

import java.util.ArrayList;
import java.util.List;

/** What autograde noticed and corrected in one notebook, in nbgrader's words where nbgrader has them. */
public final class GradingLog {
  private final List<String> notes = new ArrayList<>();

  public void note(String message) {
    notes.add(message);
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }
}
