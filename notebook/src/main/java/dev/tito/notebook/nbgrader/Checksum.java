package dev.tito.notebook.nbgrader;

import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.PythonFloat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** nbgrader's {@code compute_checksum}: MD5 over source, type, effective flags, grade_id and points. */
public final class Checksum {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Looking MD5 up in the providers costs more than hashing a typical cell: one instance per thread. */
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(Checksum::newMd5);

  private Checksum() {}

  public static String of(Cell cell) {
    return of(cell.source(), afterSource(cell));
  }

  /** The checksum of a source followed by the rest of the hashed text ({@link #afterSource}). */
  public static String of(String source, String afterSource) {
    MessageDigest md5 = MD5.get();
    md5.update(source.getBytes(StandardCharsets.UTF_8));
    return hex(md5.digest(afterSource.getBytes(StandardCharsets.UTF_8)));
  }

  /** What nbgrader hashes after the source: type, effective flags, grade_id and (grade cells) points. */
  public static String afterSource(Cell cell) {
    boolean grade = GradingFlags.isGrade(cell);
    StringBuilder text =
        new StringBuilder(64)
            .append(cell.type())
            .append(python(grade))
            .append(python(GradingFlags.isSolution(cell)))
            .append(python(GradingFlags.isLocked(cell)));
    String gradeId = GradingFlags.gradeId(cell);
    text.append(gradeId == null ? "" : gradeId);
    if (grade) {
      Double points = GradingFlags.points(cell);
      text.append(PythonFloat.repr(points == null ? 0.0 : points));
    }
    return text.toString();
  }

  private static String python(boolean value) {
    return value ? "True" : "False";
  }

  /** Lowercase hex, as Python's hexdigest. */
  private static String hex(byte[] digest) {
    char[] hex = new char[32];
    for (int i = 0; i < digest.length; i++) {
      hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
      hex[2 * i + 1] = HEX[digest[i] & 0xF];
    }
    return new String(hex);
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every Java runtime", e);
    }
  }
}
