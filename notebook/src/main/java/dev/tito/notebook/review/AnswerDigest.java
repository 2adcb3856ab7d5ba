package dev.tito.notebook.review;

import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import dev.tito.notebook.ipynb.Cell;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.nbgrader.GradingFlags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a manual grade was given for, per graded cell of a submitted notebook: a manually graded answer is its own
 * source; an autograded test or a task depends on every answer of the notebook (the sources of all its solution
 * cells). A grade counts only while this digest is unchanged, so a regrade keeps it unless the student's answer
 * changed.
 */
public final class AnswerDigest {
  /** The digest of a cell the submission does not have (deleted, or the notebook was not handed in). */
  public static final String ABSENT = "absent";

  private AnswerDigest() {}

  /** One digest per grade and task cell of the release; {@code submitted} may be null (not handed in). */
  public static Map<String, String> of(Notebook submitted, NotebookRows rows) {
    Map<String, String> sources = submitted == null ? Map.of() : sources(submitted);
    Map<String, String> solutions = new TreeMap<>();
    rows.solutionCells().forEach(id -> solutions.put(id, sources.getOrDefault(id, ABSENT)));
    String whole = digest(solutions);
    Map<String, String> digests = new LinkedHashMap<>();
    rows.gradeCells()
        .keySet()
        .forEach(
            id ->
                digests.put(
                    id,
                    rows.solutionCells().contains(id)
                        ? (sources.containsKey(id) ? digest(Map.of(id, sources.get(id))) : ABSENT)
                        : whole));
    rows.taskCells().keySet().forEach(id -> digests.put(id, whole));
    return digests;
  }

  /** Each grade_id's source; the last cell wins, as autograde keeps the last of duplicated ids. */
  private static Map<String, String> sources(Notebook notebook) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (Cell cell : notebook.cells()) {
      String id = GradingFlags.gradeId(cell);
      if (id != null) {
        sources.put(id, cell.source());
      }
    }
    return sources;
  }

  private static String digest(Map<String, String> sources) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    // length-prefixed, so no two different sets of sources hash the same text
    sources.forEach(
        (id, source) -> {
          for (String part : new String[] {id, source}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
          }
        });
    return "sha256:" + HexFormat.of().formatHex(sha256.digest());
  }
}
