package dev.tito.notebook.release;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.util.regex.Pattern;

/**
 * Removes {@code BEGIN MARK SCHEME} / {@code END MARK SCHEME} regions, which only task cells may hold,
 * and refuses an image attachment inside one (the attachment itself would still reach students).
 */
public final class ClearMarkScheme implements CellStep {
  public static final String BEGIN = "BEGIN MARK SCHEME";
  public static final String END = "END MARK SCHEME";
  public static final String ATTACHMENT_MESSAGE = "Encountered an attachment in a marking scheme. This can leak to "
      + "student notebooks. You might want to embed your image instead of attaching it.";
  private static final Pattern ATTACHMENT = Pattern.compile("!\\[.*\\]\\(attachment:.+?\\)");

  private final boolean enforceMetadata;

  public ClearMarkScheme(boolean enforceMetadata) {
    this.enforceMetadata = enforceMetadata;
  }

  @Override
  public void beforeCells(Notebook notebook) {
    notebook.metadata().remove("celltoolbar");
  }

  @Override
  public void applyToCell(Notebook notebook, Cell cell, int index) {
    DelimitedRegions.Result result;
    try {
      result = DelimitedRegions.replace(cell.source(), BEGIN, END, null);
    } catch (DelimitedRegions.UnbalancedException e) {
      String message = e.kind() == DelimitedRegions.UnbalancedException.Kind.NESTED
          ? "Encountered nested begin mark scheme statements" : "No end mark scheme tests statement found";
      throw new ReleaseException(name(), index, GradingFlags.gradeId(cell), e.line(), message);
    }
    for (DelimitedRegions.Line line : result.removed()) {
      if (ATTACHMENT.matcher(line.text()).find()) {
        throw new ReleaseException(name(), index, GradingFlags.gradeId(cell), line.number(), ATTACHMENT_MESSAGE);
      }
    }
    cell.setSource(result.text());
    if (result.found() && !GradingFlags.isTask(cell) && enforceMetadata) {
      throw new ReleaseException(name(), index, GradingFlags.gradeId(cell), null,
          "Mark scheme region detected in a non-grade cell; please make sure all mark scheme regions are within "
              + "'Manually graded task' cells.");
    }
  }
}
