package dev.tito.notebook.release;

import dev.tito.notebook.gradebook.ReleaseGradebook;
import java.nio.file.Path;
import java.util.List;

/**
 * What releasing a module did.
 *
 * @param releasedFiles every file now in the release folder (empty when anything failed)
 * @param errors one entry per notebook that could not be released
 * @param gradebook the rows written to the gradebook file (null when anything failed)
 */
public record ModuleReleaseResult(
    List<Path> releasedFiles, List<NotebookError> errors, ReleaseGradebook gradebook) {

  /**
   * Why one notebook could not be released; {@code step} is "read" when the file itself is unreadable, and
   * {@code part} is "header" or "footer" when the failing cell came from there.
   */
  public record NotebookError(
      Path file,
      String step,
      String part,
      Integer cellIndex,
      String gradeId,
      Integer line,
      String message,
      String wrappedMessage) {

    static NotebookError of(Path file, ReleaseException e) {
      return new NotebookError(
          file,
          e.step(),
          e.part(),
          e.cellIndex(),
          e.gradeId(),
          e.line(),
          e.getMessage(),
          e.wrappedMessage());
    }

    /** An error about a file as a whole (unreadable, or in conflict with another). */
    static NotebookError ofFile(Path file, String message) {
      return new NotebookError(file, "read", null, null, null, null, message, null);
    }

    /** One line for a terminal: file, cell and nbgrader's message (the step's name is tito's business). */
    public String describe() {
      StringBuilder text = new StringBuilder().append(file);
      if (cellIndex != null) {
        text.append(": ").append(part == null ? "" : part + " ").append("cell ").append(cellIndex);
      }
      if (gradeId != null && !gradeId.isEmpty()) {
        text.append(" (grade_id ").append(gradeId).append(')');
      }
      if (line != null) {
        text.append(", line ").append(line);
      }
      return text.append(": ").append(message.strip().replace("\n", " ")).toString();
    }
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
