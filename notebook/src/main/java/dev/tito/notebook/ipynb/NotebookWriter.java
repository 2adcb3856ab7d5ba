package dev.tito.notebook.ipynb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a notebook byte-for-byte as nbformat/nbconvert do: {@code json.dumps(sort_keys=True, indent=1,
 * ensure_ascii=False, separators=(",", ": "))}, multi-line strings split into line lists, transient
 * fields stripped, and a final newline.
 */
public final class NotebookWriter {
  private static final Set<String> SPLIT_MIMES = Set.of("application/javascript", "image/svg+xml");
  private static final Set<String> TRANSIENT_NOTEBOOK_METADATA =
      Set.of("orig_nbformat", "orig_nbformat_minor", "signature");

  private static final Comparator<Map.Entry<String, JsonNode>> BY_KEY =
      (a, b) -> compareCodePoints(a.getKey(), b.getKey());

  private final JsonBytes out;

  private NotebookWriter(int capacity) {
    this.out = new JsonBytes(capacity);
  }

  public static String toJson(Notebook notebook) {
    return new String(toBytes(notebook), StandardCharsets.UTF_8);
  }

  /** The file's bytes, encoded as they are written (no intermediate string). */
  public static byte[] toBytes(Notebook notebook) {
    // most notebooks are a few KB: a large first buffer costs more to zero than growing does
    NotebookWriter writer = new NotebookWriter(8 * 1024);
    writer.writeNotebook(notebook.root());
    writer.out.ascii('\n');
    return writer.out.toByteArray();
  }

  /** Writes to a temporary file beside {@code file}, then moves it into place. */
  public static void write(Notebook notebook, Path file) {
    AtomicFiles.write(file, toBytes(notebook));
  }

  private enum Split {
    NONE,
    NOTEBOOK,
    NOTEBOOK_METADATA,
    CELLS,
    CELL,
    CELL_METADATA,
    ATTACHMENTS,
    MIMEBUNDLE,
    OUTPUTS,
    OUTPUT
  }

  private void writeNotebook(ObjectNode root) {
    object(root, 1, Split.NOTEBOOK, null);
  }

  private void value(JsonNode node, int level, Split split) {
    if (node.isObject()) {
      object((ObjectNode) node, level, split, null);
    } else if (node.isArray()) {
      array(node, level, split);
    } else {
      scalar(node);
    }
  }

  private void object(ObjectNode node, int level, Split split, String cellType) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!isTransient(split, field.getKey())) {
        fields.add(field);
      }
    }
    if (fields.isEmpty()) {
      out.ascii("{}");
      return;
    }
    fields.sort(BY_KEY);
    if (split == Split.CELL) {
      cellType = node.path("cell_type").asText("");
    }
    String outputType = split == Split.OUTPUT ? node.path("output_type").asText("") : null;
    out.ascii('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> field : fields) {
      if (!first) {
        out.ascii(',');
      }
      first = false;
      String key = field.getKey();
      newline(level);
      string(key);
      out.ascii(": ");
      JsonNode child = field.getValue();
      switch (split) {
        case NOTEBOOK:
          value(
              child,
              level + 1,
              key.equals("cells")
                  ? Split.CELLS
                  : key.equals("metadata") ? Split.NOTEBOOK_METADATA : Split.NONE);
          break;
        case CELL:
          if (key.equals("source") && child.isTextual()) {
            lines(child.textValue(), level + 1);
          } else if (key.equals("attachments")) {
            value(child, level + 1, Split.ATTACHMENTS);
          } else if (key.equals("outputs") && "code".equals(cellType)) {
            value(child, level + 1, Split.OUTPUTS);
          } else if (key.equals("metadata")) {
            value(child, level + 1, Split.CELL_METADATA);
          } else {
            value(child, level + 1, Split.NONE);
          }
          break;
        case ATTACHMENTS:
          value(child, level + 1, Split.MIMEBUNDLE);
          break;
        case MIMEBUNDLE:
          if (child.isTextual() && (key.startsWith("text/") || SPLIT_MIMES.contains(key))) {
            lines(child.textValue(), level + 1);
          } else {
            value(child, level + 1, Split.NONE);
          }
          break;
        case OUTPUT:
          if (key.equals("data")
              && ("execute_result".equals(outputType) || "display_data".equals(outputType))) {
            value(child, level + 1, Split.MIMEBUNDLE);
          } else if (key.equals("text") && "stream".equals(outputType) && child.isTextual()) {
            lines(child.textValue(), level + 1);
          } else {
            value(child, level + 1, Split.NONE);
          }
          break;
        default:
          value(child, level + 1, Split.NONE);
      }
    }
    newline(level - 1);
    out.ascii('}');
  }

  private static boolean isTransient(Split split, String key) {
    return (split == Split.NOTEBOOK_METADATA && TRANSIENT_NOTEBOOK_METADATA.contains(key))
        || (split == Split.CELL_METADATA && key.equals("trusted"));
  }

  private void array(JsonNode node, int level, Split split) {
    if (node.isEmpty()) {
      out.ascii("[]");
      return;
    }
    Split element =
        split == Split.CELLS ? Split.CELL : split == Split.OUTPUTS ? Split.OUTPUT : Split.NONE;
    out.ascii('[');
    boolean first = true;
    for (JsonNode child : node) {
      if (!first) {
        out.ascii(',');
      }
      first = false;
      newline(level);
      if (child.isObject()) {
        object((ObjectNode) child, level + 1, element, null);
      } else {
        value(child, level + 1, Split.NONE);
      }
    }
    newline(level - 1);
    out.ascii(']');
  }

  /** Python's splitlines(keepends=True) written straight out, one JSON string per line. */
  private void lines(String text, int level) {
    int n = text.length();
    if (n == 0) {
      out.ascii("[]");
      return;
    }
    out.ascii('[');
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (PythonLines.isLineBreak(c)) {
        int end = c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        line(text, start, end, level);
        start = end;
        i = end - 1;
      }
    }
    if (start < n) {
      line(text, start, n, level);
    }
    out.newline(level - 1);
    out.ascii(']');
  }

  private void line(String text, int from, int to, int level) {
    if (from > 0) {
      out.ascii(',');
    }
    out.newline(level);
    out.string(text, from, to);
  }

  private void newline(int level) {
    out.newline(level);
  }

  private void scalar(JsonNode node) {
    if (node.isTextual()) {
      string(node.textValue());
    } else if (node.isBoolean()) {
      out.ascii(node.booleanValue() ? "true" : "false");
    } else if (node.isNull() || node.isMissingNode()) {
      out.ascii("null");
    } else if (node.isIntegralNumber()) {
      out.ascii(
          node.isInt() || node.isLong()
              ? Long.toString(node.longValue())
              : node.bigIntegerValue().toString());
    } else if (node.isNumber()) {
      out.ascii(PythonFloat.repr(node.doubleValue()));
    } else {
      string(node.asText());
    }
  }

  private void string(String s) {
    out.string(s, 0, s.length());
  }

  /** Python sorts keys by code point; Java's compareTo sorts by UTF-16 unit. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
