package dev.tito.notebook.jupytext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.PythonLines;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a jupytext "percent" script ({@code .py}) into the notebook {@code jupytext --to ipynb}
 * (jupytext 1.16) would write, for the dialect TinyTorch uses.
 *
 * <p>Based on jupytext's own sources (mwouts/jupytext {@code src/jupytext/}): {@code jupytext.py}
 * ({@code TextNotebookConverter.reads}, {@code drop_text_representation_metadata}), {@code header.py}
 * ({@code header_to_metadata_and_cell}), {@code cell_reader.py} ({@code DoublePercentScriptCellReader},
 * {@code extract_content}, {@code count_lines_to_next_cell}), {@code cell_metadata.py}
 * ({@code text_to_metadata}, {@code is_active}), {@code magics.py}, {@code stringparser.py},
 * {@code pep8.py}, {@code metadata_filter.py} ({@code update_metadata_filters}); and on TinyTorch's
 * {@code modules/NN_name/name_dev.py} files (YAML header, {@code # %% nbgrader={...}} markers, also
 * indented inside classes, markdown cells as {@code """} strings).
 *
 * <p>Where tito differs from jupytext, on purpose:
 * <ul>
 *   <li>cell ids: jupytext (through nbformat 5's {@code new_*_cell}) gives each cell a random 8-hex-digit
 *       id and writes {@code nbformat_minor} 5; tito writes {@code nbformat_minor} 5 and ids of the same
 *       shape, derived from the cell's position and source, so releasing the same file twice gives the
 *       same bytes;</li>
 *   <li>metadata jupytext cannot parse (it stores it as {@code incorrectly_encoded_metadata}) is an
 *       error naming the file and line, because a mistyped {@code nbgrader={...}} would otherwise
 *       silently drop a graded cell;</li>
 *   <li>a file without any {@code # %%} marker is rejected rather than read as one code cell;</li>
 *   <li>without a YAML header, jupytext lists the cell metadata keys in {@code cell_metadata_filter}
 *       in Python set order (random per process); tito sorts them;</li>
 *   <li>a cell's {@code language} metadata is kept as is (jupytext turns it into a {@code %%} magic);</li>
 *   <li>a byte-order mark at the start is dropped (jupytext keeps it, and then misses the YAML header).</li>
 * </ul>
 */
public final class JupytextReader {
  private static final String[] DEFAULT_NOTEBOOK_METADATA = {
    "jupytext", "kernelspec", "org_babel", "kernel_info", "orphan", "tocdepth"
  };
  private static final Set<String> JUPYTEXT_CELL_METADATA =
      Set.of(
          "skipline",
          "noskipline",
          "cell_marker",
          "lines_to_next_cell",
          "lines_to_end_of_cell_marker");

  // the characters Python's str.splitlines() breaks at
  private static final String LINE_BREAKS = "\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029";

  private JupytextReader() {}

  /** A notebook read from a percent script, and where each of its cells is in the script. */
  public record Parsed(Notebook notebook, CellLines lines) {}

  /** Parses a percent script's bytes; {@code name} labels errors (usually the file path). */
  public static Notebook parse(byte[] bytes, String name) {
    return read(bytes, name).notebook();
  }

  /** As {@link #parse(byte[], String)}, with each cell's lines in the script. */
  public static Parsed read(byte[] bytes, String name) {
    for (int i = 0, limit = Math.min(bytes.length, 8192); i < limit; i++) {
      if (bytes[i] == 0) {
        throw new NotebookFormatException(name + ": not a jupytext notebook (binary file)");
      }
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new NotebookFormatException(
          name + ": not UTF-8 text (jupytext reads .py notebooks as UTF-8)");
    }
    return read(text, name);
  }

  public static Notebook parse(String text, String name) {
    return read(text, name).notebook();
  }

  /** As {@link #parse(String, String)}, with each cell's lines in the script. */
  public static Parsed read(String text, String name) {
    // Python reads text files with universal newlines before jupytext splits them
    String unified = text.replace("\r\n", "\n").replace('\r', '\n');
    List<String> lines = splitLines(unified.startsWith("\uFEFF") ? unified.substring(1) : unified);
    YamlHeader header = YamlHeader.read(lines, name);
    if (!hasMarker(lines, header.nextLine())) {
      throw new NotebookFormatException(
          name + ": no '# %%' cell markers: not a jupytext percent notebook");
    }
    ObjectNode metadata = header.metadata();
    ArrayNode cells = JsonNodeFactory.instance.arrayNode();
    List<Integer> markers = new ArrayList<>();
    List<Integer> firstLines = new ArrayList<>();
    if (header.rawCell() != null) {
      cells.add(header.rawCell());
      markers.add(1);
      firstLines.add(2);
    }
    boolean commentMagics = metadata.path("jupytext").path("comment_magics").asBoolean(true);
    PercentCellReader reader = new PercentCellReader(lines, name, commentMagics);
    boolean jsonMetadata = false;
    for (int next = header.nextLine(); next < lines.size(); ) {
      PercentCellReader.Result cell = reader.read(next);
      cells.add(cell.cell());
      markers.add(cell.markerLine());
      firstLines.add(cell.firstSourceLine());
      jsonMetadata |= cell.jsonMetadata();
      next = cell.nextLine();
    }
    if (!metadata.path("kernelspec").has("language") && !cells.isEmpty()) {
      jupytext(metadata)
          .put("main_language", metadata.path("jupytext").path("main_language").asText("python"));
    }
    updateMetadataFilters(metadata, header.hasJupyterSection(), cellMetadataKeys(cells));
    if (jsonMetadata && !jupytext(metadata).has("cell_metadata_json")) {
      jupytext(metadata).put("cell_metadata_json", true);
    }
    // jupytext drops the text representation when it writes an .ipynb, then an empty section
    if (metadata.get("jupytext") instanceof ObjectNode section) {
      section.remove("text_representation");
      if (section.isEmpty()) {
        metadata.remove("jupytext");
      }
    }
    assignIds(cells);
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("cells", cells);
    root.set("metadata", metadata);
    root.put("nbformat", 4);
    root.put("nbformat_minor", 5);
    return new Parsed(new Notebook(root), new CellLines(markers, firstLines));
  }

  /** Is this line a percent cell marker ({@code # %%}, with or without options)? */
  public static boolean isCellMarker(String line) {
    return PercentCellReader.isMarker(line);
  }

  /** jupytext's {@code uncomment} for one line: drops the prefix and a space, or just the prefix. */
  static String uncomment(String line, String prefix) {
    if (prefix.isEmpty()) {
      return line;
    }
    if (line.startsWith(prefix + " ")) {
      return line.substring(prefix.length() + 1);
    }
    return line.startsWith(prefix) ? line.substring(prefix.length()) : line;
  }

  static List<String> uncomment(List<String> lines, String prefix) {
    List<String> result = new ArrayList<>(lines.size());
    for (String line : lines) {
      result.add(uncomment(line, prefix));
    }
    return result;
  }

  static String stripLineEnd(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\n' && end > 1 && line.charAt(end - 2) == '\r') {
      return line.substring(0, end - 2);
    }
    return end > 0 && isLineBreak(line.charAt(end - 1)) ? line.substring(0, end - 1) : line;
  }

  private static boolean isLineBreak(char c) {
    return LINE_BREAKS.indexOf(c) >= 0;
  }

  private static List<String> splitLines(String text) {
    List<String> withEnds = PythonLines.splitKeepEnds(text);
    List<String> lines = new ArrayList<>(withEnds.size());
    for (String line : withEnds) {
      lines.add(stripLineEnd(line));
    }
    return lines;
  }

  private static boolean hasMarker(List<String> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (PercentCellReader.isMarker(lines.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode jupytext(ObjectNode metadata) {
    JsonNode section = metadata.get("jupytext");
    return section instanceof ObjectNode ? (ObjectNode) section : metadata.putObject("jupytext");
  }

  private static Set<String> cellMetadataKeys(ArrayNode cells) {
    Set<String> keys = new TreeSet<>();
    cells.forEach(cell -> cell.path("metadata").fieldNames().forEachRemaining(keys::add));
    return keys;
  }

  /** jupytext's {@code update_metadata_filters}, so a round trip back to .py keeps what it read. */
  private static void updateMetadataFilters(
      ObjectNode metadata, boolean jupyterSection, Set<String> cellKeys) {
    if (!jupyterSection) {
      ObjectNode section = jupytext(metadata);
      section.put("notebook_metadata_filter", "-all");
      if (!section.has("cell_metadata_filter")) {
        List<String> entries = new ArrayList<>();
        cellKeys.stream()
            .filter(key -> !JUPYTEXT_CELL_METADATA.contains(key))
            .forEach(entries::add);
        entries.add("-all");
        section.put("cell_metadata_filter", String.join(",", entries));
      }
      return;
    }
    JsonNode cellFilter = metadata.path("jupytext").get("cell_metadata_filter");
    if (cellFilter != null) {
      if (cellFilter.isTextual()) {
        jupytext(metadata)
            .put("cell_metadata_filter", widenCellFilter(cellFilter.asText(), cellKeys));
      }
      return;
    }
    Set<String> filter = new LinkedHashSet<>();
    for (String key :
        metadata.path("jupytext").path("notebook_metadata_filter").asText("").split(",")) {
      if (!key.isEmpty()) {
        filter.add(key);
      }
    }
    if (filter.contains("all") || filter.contains("-all")) {
      return;
    }
    Set<String> defaults = new HashSet<>(List.of(DEFAULT_NOTEBOOK_METADATA));
    metadata
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!defaults.contains(key) && !filter.contains("-" + key)) {
                filter.add(key);
              }
            });
    if (!filter.isEmpty()) {
      jupytext(metadata).put("notebook_metadata_filter", String.join(",", filter));
    }
  }

  /** Adds the cell metadata keys read to an existing {@code cell_metadata_filter} string. */
  private static String widenCellFilter(String filter, Set<String> cellKeys) {
    List<String> additional = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (String raw : filter.split(",")) {
      String key = raw.strip();
      if (key.startsWith("-")) {
        excluded.add(key.substring(1).strip());
      } else if (!key.isEmpty()) {
        additional.add(key.startsWith("+") ? key.substring(1).strip() : key);
      }
    }
    boolean allAdditional = additional.contains("all");
    boolean allExcluded = excluded.contains("all");
    if (!allExcluded) {
      excluded.removeIf(cellKeys::contains);
    }
    if (!allAdditional) {
      cellKeys.stream().filter(key -> !additional.contains(key)).forEach(additional::add);
    }
    List<String> entries = new ArrayList<>();
    if (allAdditional) {
      entries.add("all");
    } else {
      additional.stream()
          .filter(key -> !JUPYTEXT_CELL_METADATA.contains(key))
          .forEach(entries::add);
    }
    if (allExcluded) {
      entries.add("-all");
    } else {
      excluded.forEach(key -> entries.add("-" + key));
    }
    return String.join(",", entries);
  }

  /** Ids shaped like nbformat's (8 hex digits), derived from position and source so they are stable. */
  private static void assignIds(ArrayNode cells) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    Set<String> used = new HashSet<>();
    int index = 0;
    for (JsonNode node : cells) {
      ObjectNode cell = (ObjectNode) node;
      byte[] digest =
          sha.digest(
              (index++ + "\n" + cell.path("source").asText()).getBytes(StandardCharsets.UTF_8));
      String id;
      int salt = 0;
      do {
        int value =
            ((digest[0] & 0xff) << 24
                    | (digest[1] & 0xff) << 16
                    | (digest[2] & 0xff) << 8
                    | (digest[3] & 0xff))
                + salt++;
        id = String.format("%08x", value);
      } while (!used.add(id));
      cell.put("id", id);
    }
  }
}
