package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.regex.Pattern;

/**
 * Removes {@code BEGIN MARK SCHEME} / {@code END MARK SCHEME} regions, which only task cells may hold,
 * and refuses an image attachment inside one (the attachment itself would still reach students).
 */
public final class ClearMarkScheme extends RegionRemoval {
  public static final String BEGIN = "BEGIN MARK SCHEME";
  public static final String END = "END MARK SCHEME";
  public static final String ATTACHMENT_MESSAGE =
      "Encountered an attachment in a marking scheme. This can leak to "
          + "student notebooks. You might want to embed your image instead of attaching it.";
  private static final Pattern ATTACHMENT = Pattern.compile("!\\[.*\\]\\(attachment:.+?\\)");

  public ClearMarkScheme(boolean enforceMetadata) {
    super(BEGIN, END, enforceMetadata);
  }

  @Override
  boolean allowedIn(Cell cell) {
    return GradingFlags.isTask(cell);
  }

  @Override
  void checkRemoved(Cell cell, int index, DelimitedRegions.Result result) {
    for (DelimitedRegions.Line line : result.removed()) {
      if (ATTACHMENT.matcher(line.text()).find()) {
        throw new ReleaseException(
            name(), index, GradingFlags.gradeId(cell), line.number(), ATTACHMENT_MESSAGE);
      }
    }
  }

  @Override
  String nestedMessage() {
    return "Encountered nested begin mark scheme statements";
  }

  @Override
  String unterminatedMessage() {
    return "No end mark scheme tests statement found";
  }

  @Override
  String misplacedMessage() {
    return "Mark scheme region detected in a non-grade cell; please make sure all mark scheme regions are within "
        + "'Manually graded task' cells.";
  }
}
