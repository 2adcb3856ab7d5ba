package dev.tito.notebook.validate;

import dev.tito.notebook.metadata.SchemaVersionException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** nbgrader's validate printout: a wrapped headline, then one ruled block per reported cell. */
public final class ValidationText {
  static final int WIDTH = 90;
  static final String INDENT = "    ";
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

  private ValidationText() {}

  public static String render(ValidationReport report, boolean invert) {
    StringBuilder out = new StringBuilder();
    if (report.kind() == null) {
      return (invert
              ? "Success! The notebook does not pass any tests."
              : "Success! Your notebook passes all the tests.")
          + "\n";
    }
    int n = report.entries().size();
    String headline =
        switch (report.kind()) {
          case TYPE_CHANGED ->
              "THE TYPES OF "
                  + n
                  + " CELL(S) HAVE CHANGED! This might mean that even though the tests "
                  + "are passing now, they won't pass when your assignment is graded.";
          case CHANGED ->
              "THE CONTENTS OF "
                  + n
                  + " TEST CELL(S) HAVE CHANGED! This might mean that even though the "
                  + "tests are passing now, they won't pass when your assignment is graded.";
          case PASSED -> "NOTEBOOK PASSED ON " + n + " CELL(S)!";
          case FAILED ->
              "VALIDATION FAILED ON "
                  + n
                  + " CELL(S)! If you submit your assignment as it is, you WILL NOT "
                  + "receive full credit.";
        };
    out.append(fill(headline)).append('\n');
    for (ValidationReport.Entry entry : report.entries()) {
      if (entry != report.entries().get(0)) {
        out.append('\n');
      }
      out.append("=".repeat(WIDTH)).append('\n');
      out.append(
              switch (report.kind()) {
                case TYPE_CHANGED ->
                    "The following "
                        + entry.oldType()
                        + " cell has changed to a "
                        + entry.newType()
                        + " cell:";
                case CHANGED -> "The following cell has changed:";
                case PASSED -> "The following cell passed:";
                case FAILED -> "The following cell failed:";
              })
          .append("\n\n")
          .append(indent(entry.source()))
          .append("\n\n");
      if (report.kind() == ValidationReport.Kind.FAILED) {
        out.append("The error was:\n\n").append(indent(entry.error())).append("\n\n");
      }
    }
    return out.toString();
  }

  /** The one-line reason nbgrader gives when validate cannot run at all (exit 1). */
  public static String fatalError(String fileName, RuntimeException error) {
    if (error instanceof SchemaVersionException version && version.tooOld()) {
      return "The notebook '"
          + fileName
          + "' uses an old version of the nbgrader metadata format. Please **back up "
          + "this notebook** and then update the metadata using:\n\nnbgrader update "
          + fileName
          + "\n";
    }
    if (error instanceof SchemaVersionException version && version.tooNew()) {
      return "The notebook '"
          + fileName
          + "' uses a newer version of the nbgrader metadata format. Please update "
          + "your version of nbgrader to the latest version to be able to use this notebook.";
    }
    return "nbgrader encountered a fatal error while trying to validate '" + fileName + "'";
  }

  /** Python's {@code textwrap.fill(text, 90)} for single-spaced text. */
  static String fill(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return String.join("\n", lines);
  }

  static String indent(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String indented = INDENT + ANSI.matcher(line).replaceAll("");
      lines.add(
          indented.length() > WIDTH - 3 ? indented.substring(0, WIDTH - 3) + "..." : indented);
    }
    return String.join("\n", lines);
  }
}
