package dev.tito.notebook.autograde;

import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.review.ApplyReviews;
import java.util.List;
import java.util.Map;

/**
 * A graded submission: its result, the autograded notebooks by name (without {@code .ipynb}), and the person's
 * grades that no longer count because the answer they were given for changed.
 */
public record GradedSubmission(
    GradingResult result, Map<String, Notebook> autograded, List<ApplyReviews.Dropped> dropped) {
  public GradedSubmission(GradingResult result, Map<String, Notebook> autograded) {
    this(result, autograded, List.of());
  }
}
