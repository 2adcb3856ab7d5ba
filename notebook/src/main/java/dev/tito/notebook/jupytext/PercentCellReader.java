package dev.tito.notebook.jupytext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.PythonLines;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads one cell of a percent script, as jupytext's {@code DoublePercentScriptCellReader} does: the
 * cell runs to the next {@code # %%} marker outside a string; one or two blank lines before it are
 * separators, recorded as {@code lines_to_next_cell} when they differ from PEP 8's spacing.
 */
final class PercentCellReader {
  static final Pattern MARKER_WITH_OPTIONS = Pattern.compile("^\\s*#\\s*%%(%*)\\s(.*)$");
  static final Pattern BARE_MARKER =
      Pattern.compile("^\\s*#\\s*(%%|<codecell>|In\\[[0-9 ]*\\]:?)\\s*$");
  private static final String[] STRING_PREFIXES = {"", "r", "R"};
  private static final String[] TRIPLE_QUOTES = {"\"\"\"", "'''"};

  /**
   * One cell read: its nbformat node, where the next cell starts, whether its options were JSON, and the
   * 1-based lines of its marker and of its source's first line.
   */
  record Result(
      ObjectNode cell, int nextLine, boolean jsonMetadata, int markerLine, int firstSourceLine) {}

  private final List<String> lines;
  private final String name;
  private final boolean commentMagics;

  PercentCellReader(List<String> lines, String name, boolean commentMagics) {
    this.lines = lines;
    this.name = name;
    this.commentMagics = commentMagics;
  }

  static boolean isMarker(String line) {
    return MARKER_WITH_OPTIONS.matcher(line).matches() || BARE_MARKER.matcher(line).matches();
  }

  Result read(int from) {
    String first = lines.get(from);
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    String cellType = null;
    boolean json = false;
    if (MARKER_WITH_OPTIONS.matcher(first).matches()) {
      String options = JupytextReader.uncomment(first, "#");
      try {
        CellOptions parsed = CellOptions.parse(options.substring(options.indexOf("%%") + 2));
        metadata = parsed.metadata();
        cellType = parsed.cellType();
        json = parsed.jsonMetadata();
      } catch (CellOptions.InvalidOptions e) {
        throw new NotebookFormatException(name + ": line " + (from + 1) + ": " + e.getMessage());
      }
    }
    JsonNode language = metadata.remove("language");
    String comment = "#";
    if (cellType == null) {
      if (!ActiveCells.isActive("ipynb", metadata, true)) {
        if (metadata.path("active").asText("-").isEmpty()) {
          metadata.remove("active");
        }
        cellType = "raw";
        if (ActiveCells.isActive("py", metadata, true)) {
          comment = "";
        }
      } else {
        cellType = "code";
      }
    }

    int next = nextMarker(from);
    int end = next;
    if (next - from >= 3
        && !lines.get(next - 3).isBlank()
        && lines.get(next - 2).isBlank()
        && lines.get(next - 1).isBlank()) {
      end = next - 2;
    } else if (next > from && lines.get(next - 1).isBlank()) {
      end = next - 1;
    }
    int start = isMarker(first) ? from + 1 : from;
    List<String> original = lines.subList(start, Math.max(start, end));
    List<String> content =
        extractContent(new ArrayList<>(original), cellType, metadata, comment, language);
    int firstSourceLine = start + 1 + linesBefore(original, content);

    int total = lines.size();
    int linesToNextCell = end < total ? next - end + (next >= total ? 1 : 0) : 1;
    List<String> previous = original.isEmpty() ? List.of("") : original;
    if (linesToNextCell != Pep8Spacing.linesBetween(previous, lines.subList(next, total))) {
      metadata.put("lines_to_next_cell", linesToNextCell);
    }
    if (language != null) {
      metadata.set("language", language);
    }
    return new Result(
        newCell(cellType, metadata, String.join("\n", content)),
        next,
        json,
        from + 1,
        firstSourceLine);
  }

  /** Lines of the file before the content's first line: blank lines and an opening quote line of quoted text. */
  private static int linesBefore(List<String> original, List<String> content) {
    if (content.isEmpty() || original.size() <= content.size()) {
      return 0;
    }
    String first = content.get(0);
    for (int i = 0; i <= original.size() - content.size(); i++) {
      if (original.get(i).endsWith(first) && !first.isEmpty()
          || first.isEmpty() && original.get(i).isBlank()) {
        return i;
      }
    }
    return 0;
  }

  private int nextMarker(int from) {
    PythonStringParser parser = new PythonStringParser();
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      if (parser.isQuoted()) {
        parser.readLine(line);
        continue;
      }
      parser.readLine(line);
      if (i > from && isMarker(line)) {
        return i;
      }
    }
    return lines.size();
  }

  private List<String> extractContent(
      List<String> source,
      String cellType,
      ObjectNode metadata,
      String comment,
      JsonNode language) {
    boolean code = cellType.equals("code");
    if (!ActiveCells.isActive("py", metadata, code)) {
      List<String> quoted = tripleQuotedText(source, metadata);
      if (quoted != null) {
        return quoted;
      }
    }
    boolean otherLanguage =
        language != null && !metadata.has("active") && !language.asText().equals("python");
    if (!ActiveCells.isActive("py", metadata, true) || otherLanguage) {
      return JupytextReader.uncomment(source, comment);
    }
    if (commentMagics) {
      if (ActiveCells.isActive("py", metadata, true)) {
        IPythonMagics.uncommentMagics(source);
      } else {
        source = JupytextReader.uncomment(source, "#");
      }
    }
    if (code) {
      IPythonMagics.unescapeCodeStart(source);
      return source;
    }
    return JupytextReader.uncomment(source, comment);
  }

  /** A text cell written as one Python string ({@code """..."""}), as TinyTorch writes markdown. */
  private static List<String> tripleQuotedText(List<String> source, ObjectNode metadata) {
    String text = String.join("\n", source).strip();
    for (String prefix : STRING_PREFIXES) {
      for (String quote : TRIPLE_QUOTES) {
        String left = prefix + quote;
        String right = quote;
        if (!text.startsWith(left)
            || !text.endsWith(right)
            || text.length() < left.length() + right.length()) {
          continue;
        }
        String content = text.substring(left.length(), text.length() - right.length());
        if (content.startsWith("\n")) {
          content = content.substring(1);
          left = left + "\n";
        }
        if (content.endsWith("\n")) {
          content = content.substring(0, content.length() - 1);
          right = "\n" + right;
        }
        if (prefix.isEmpty()) {
          if (left.length() == 4 && right.length() == 4) {
            metadata.put("cell_marker", left.substring(0, 3));
          }
        } else if (left.length() - 1 == 4 && right.length() == 4) {
          metadata.put("cell_marker", left.substring(0, 4));
        } else {
          metadata.put("cell_marker", left + "," + right);
        }
        List<String> lines = new ArrayList<>();
        for (String line : PythonLines.splitKeepEnds(content)) {
          lines.add(JupytextReader.stripLineEnd(line));
        }
        return lines;
      }
    }
    return null;
  }

  private static ObjectNode newCell(String cellType, ObjectNode metadata, String source) {
    ObjectNode cell = JsonNodeFactory.instance.objectNode();
    cell.put("cell_type", cellType);
    if (cellType.equals("code")) {
      cell.putNull("execution_count");
    }
    cell.set("metadata", metadata);
    if (cellType.equals("code")) {
      cell.putArray("outputs");
    }
    cell.put("source", source);
    return cell;
  }
}
