package dev.tito.notebook.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tito.notebook.ipynb.PythonFloat;
import java.util.Iterator;
import java.util.Map;

/** Python's {@code repr()} of a JSON value, as the jsonschema library prints values in its messages. */
public final class PythonRepr {
  private PythonRepr() {}

  public static String of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "None";
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? "True" : "False";
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    if (node.isNumber()) {
      return ofFloat(node.doubleValue());
    }
    if (node.isTextual()) {
      return of(node.textValue());
    }
    StringBuilder out = new StringBuilder();
    if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        out.append(i > 0 ? ", " : "").append(of(node.get(i)));
      }
      return out.append(']').toString();
    }
    out.append('{');
    boolean first = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      out.append(first ? "" : ", ")
          .append(of(entry.getKey()))
          .append(": ")
          .append(of(entry.getValue()));
      first = false;
    }
    return out.append('}').toString();
  }

  public static String ofFloat(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return PythonFloat.repr(value);
  }

  /** Python's str repr: single quotes unless the text has a single quote and no double quote. */
  public static String of(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
              } else if (cp == '\n') {
                out.append("\\n");
              } else if (cp == '\r') {
                out.append("\\r");
              } else if (cp == '\t') {
                out.append("\\t");
              } else if (isPrintable(cp)) {
                out.appendCodePoint(cp);
              } else if (cp < 0x100) {
                out.append(String.format("\\x%02x", cp));
              } else if (cp < 0x10000) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.append(String.format("\\U%08x", cp));
              }
            });
    return out.append(quote).toString();
  }

  /** Python's str.isprintable for one character: no control, format, separator (but space) or unassigned. */
  private static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
