package dev.tito.notebook.autograde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.Notebook;
import java.io.IOException;

/** The kernel the instructor released with runs the submission, whatever the student's file says. */
final class OverwriteKernelspec implements SanitizeStep {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void apply(Notebook submission, NotebookRows rows, GradingLog log) {
    if (rows.kernelspec() == null || rows.kernelspec().isBlank()) {
      return;
    }
    JsonNode recorded;
    try {
      recorded = JSON.readTree(rows.kernelspec());
    } catch (IOException e) {
      throw new IllegalArgumentException("gradebook kernelspec is not JSON: " + rows.kernelspec());
    }
    if (recorded.isObject() && recorded.size() > 0) {
      submission.metadata().set("kernelspec", recorded.deepCopy());
    }
  }
}
