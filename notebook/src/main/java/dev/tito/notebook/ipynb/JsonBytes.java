package dev.tito.notebook.ipynb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer for JSON text: strings are escaped and encoded in one pass, so a
 * notebook is never built as a Java string first. Escapes are Python's json.dumps with ensure_ascii off.
 */
final class JsonBytes {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** For each ASCII char: 0 when written as is, else the letter after the backslash ('u' for \\u00XX). */
  private static final byte[] ESCAPES = escapes();

  private byte[] bytes;
  private int length;

  JsonBytes(int capacity) {
    bytes = new byte[capacity];
  }

  void ascii(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
  }

  /** Text known to be ASCII (numbers, literals, punctuation). */
  void ascii(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
  }

  /** A line break and {@code indent} spaces. */
  void newline(int indent) {
    ensure(indent + 1);
    bytes[length++] = '\n';
    Arrays.fill(bytes, length, length + indent, (byte) ' ');
    length += indent;
  }

  /** {@code text[from, to)} as a quoted JSON string. */
  void string(String text, int from, int to) {
    // 3 bytes cover any char outside escapes (a surrogate pair is 4 bytes for 2 chars)
    ensure(3 * (to - from) + 2);
    byte[] out = bytes;
    int at = length;
    out[at++] = '"';
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        byte escape = ESCAPES[c];
        if (escape == 0) {
          out[at++] = (byte) c;
        } else if (escape != 'u') {
          // two bytes fit in the three reserved for this char
          out[at++] = '\\';
          out[at++] = escape;
        } else {
          length = at;
          // \\u00XX takes 6 bytes: keep room for the rest of the text too
          ensure(6 + 3 * (to - i));
          unicodeEscape(c);
          out = bytes;
          at = length;
        }
      } else if (c < 0x800) {
        out[at++] = (byte) (0xC0 | c >> 6);
        out[at++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        out[at++] = (byte) (0xF0 | cp >> 18);
        out[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[at++] = (byte) (0x80 | cp & 0x3F);
      } else if (Character.isSurrogate(c)) {
        // an unpaired surrogate has no UTF-8 form: '?' as String.getBytes writes it
        out[at++] = '?';
      } else {
        out[at++] = (byte) (0xE0 | c >> 12);
        out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[at++] = (byte) (0x80 | c & 0x3F);
      }
    }
    out[at++] = '"';
    length = at;
  }

  private void unicodeEscape(char c) {
    bytes[length++] = '\\';
    bytes[length++] = 'u';
    bytes[length++] = '0';
    bytes[length++] = '0';
    bytes[length++] = HEX[c >> 4];
    bytes[length++] = HEX[c & 0xF];
  }

  private static byte[] escapes() {
    byte[] escapes = new byte[128];
    for (int c = 0; c < 0x20; c++) {
      escapes[c] = 'u';
    }
    escapes['"'] = '"';
    escapes['\\'] = '\\';
    escapes['\n'] = 'n';
    escapes['\r'] = 'r';
    escapes['\t'] = 't';
    escapes['\b'] = 'b';
    escapes['\f'] = 'f';
    return escapes;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
