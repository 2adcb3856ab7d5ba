package dev.tito.notebook.autograde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tito.notebook.gradebook.ReleaseGradebook;
import dev.tito.notebook.gradebook.ReleaseGradebook.GradeCell;
import dev.tito.notebook.gradebook.ReleaseGradebook.NotebookRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@link GradingResult} as JSON (docs/grading-result-schema.md) and reads it back as
 * untrusted input: the operator reads what a grading Job emitted, and that Job ran student code.
 */
public final class GradingResultJson {
  /** Far above a real result (a few KB per notebook), far below what could hurt the reader. */
  public static final int MAX_BYTES = 1 << 20;

  private static final ObjectMapper WRITER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final ObjectMapper READER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .build();

  private static final List<String> OPTIONAL_TEST_FIELDS =
      List.of("manual_score", "extra_credit", "comment");

  private GradingResultJson() {}

  public static byte[] toBytes(GradingResult result) {
    try {
      byte[] json = WRITER.writeValueAsBytes(result);
      byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
      withNewline[json.length] = '\n';
      return withNewline;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a result this process wrote itself (the course's own grades folder). */
  public static GradingResult read(byte[] bytes, String name) {
    return parse(bytes, name);
  }

  /**
   * Reads a result from an untrusted producer and keeps only what the release allows: notebooks and
   * grade_ids the gradebook knows, each score within [0, the recorded points], totals recomputed.
   */
  public static GradingResult readUntrusted(
      byte[] bytes, String name, String module, String student, ReleaseGradebook release) {
    GradingResult claimed = parse(bytes, name);
    if (!module.equals(claimed.module()) || !student.equals(claimed.student())) {
      throw new InvalidGradingResultException(
          name
              + ": result is for "
              + claimed.module()
              + "/"
              + claimed.student()
              + ", expected "
              + module
              + "/"
              + student);
    }
    Map<String, NotebookGrade> byName = new LinkedHashMap<>();
    for (NotebookGrade notebook : claimed.notebooks()) {
      if (!release.notebooks().containsKey(notebook.name())) {
        throw new InvalidGradingResultException(
            name + ": unknown notebook '" + notebook.name() + "'");
      }
      if (byName.put(notebook.name(), notebook) != null) {
        throw new InvalidGradingResultException(
            name + ": notebook '" + notebook.name() + "' appears twice");
      }
    }
    List<NotebookGrade> trusted = new ArrayList<>();
    release.notebooks().forEach((nb, rows) -> trusted.add(clamp(name, nb, rows, byName.get(nb))));
    return GradingResult.of(
        module, student, claimed.timestamp(), Math.max(0, finite(claimed.secondsLate())), trusted);
  }

  private static NotebookGrade clamp(
      String file, String nb, NotebookRows rows, NotebookGrade claimed) {
    Map<String, GradeCell> maxima = new LinkedHashMap<>(rows.gradeCells());
    maxima.putAll(rows.taskCells());
    List<TestResult> tests = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (claimed != null) {
      for (TestResult test : claimed.tests()) {
        GradeCell row = maxima.get(test.gradeId());
        if (row == null) {
          throw new InvalidGradingResultException(
              file + ": " + nb + ": unknown grade_id '" + test.gradeId() + "'");
        }
        if (!seen.add(test.gradeId())) {
          throw new InvalidGradingResultException(
              file + ": " + nb + ": grade_id '" + test.gradeId() + "' appears twice");
        }
        if (test.manualScore() != null || test.extraCredit() != null || test.comment() != null) {
          throw new InvalidGradingResultException(
              file
                  + ": "
                  + nb
                  + ": grade_id '"
                  + test.gradeId()
                  + "' carries a manual grade: only a person grades by hand, never a grading Job");
        }
        Double auto = test.autoScore() == null ? null : bounded(test.autoScore(), row.maxScore());
        tests.add(
            new TestResult(
                test.gradeId(),
                test.kind(),
                row.cellType(),
                auto == null ? 0 : auto,
                auto,
                row.maxScore(),
                test.status(),
                auto == null,
                test.hidden(),
                shorten(test.message())));
      }
    }
    maxima.forEach(
        (id, row) -> {
          if (!seen.contains(id)) {
            tests.add(
                new TestResult(
                    id,
                    rows.taskCells().containsKey(id) ? TestKind.TASK : TestKind.AUTOGRADED_TEST,
                    row.cellType(),
                    0,
                    null,
                    row.maxScore(),
                    TestStatus.MISSING,
                    true,
                    false,
                    "no result reported"));
          }
        });
    double score = tests.stream().mapToDouble(TestResult::score).sum();
    double max = maxima.values().stream().mapToDouble(GradeCell::maxScore).sum();
    boolean manual = tests.stream().anyMatch(TestResult::needsManualGrade);
    double penalty = claimed == null ? 0 : bounded(claimed.latePenalty(), score);
    String failure = claimed == null ? "ok" : claimed.failure();
    return new NotebookGrade(
        nb,
        claimed != null && claimed.submitted(),
        failure,
        claimed == null ? "" : shorten(claimed.failureMessage()),
        score,
        max,
        penalty,
        manual,
        tests,
        claimed == null ? Map.of() : claimed.comments(),
        claimed == null ? List.of() : claimed.notes(),
        claimed == null ? new Timings(0, 0, 0) : claimed.timings());
  }

  private static double bounded(double value, double max) {
    return Math.min(max, Math.max(0, finite(value)));
  }

  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0;
  }

  /** Free text of an untrusted result (it can quote student output) cut to 500 characters. */
  public static String shorten(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }

  private static GradingResult parse(byte[] bytes, String name) {
    if (bytes.length > MAX_BYTES) {
      throw new InvalidGradingResultException(
          name
              + ": result is "
              + bytes.length
              + " bytes, more than the "
              + MAX_BYTES
              + "-byte limit");
    }
    GradingResult result;
    try {
      JsonNode tree = READER.readTree(bytes);
      if (tree == null || !tree.isObject()) {
        throw new InvalidGradingResultException(name + ": result is not a JSON object");
      }
      int version = tree.path("schema_version").asInt(-1);
      if (version != GradingResult.SCHEMA_VERSION) {
        throw new InvalidGradingResultException(
            name
                + ": unsupported schema_version "
                + tree.get("schema_version")
                + " (expected "
                + GradingResult.SCHEMA_VERSION
                + ")");
      }
      result = READER.treeToValue(withOptionalFields(tree), GradingResult.class);
    } catch (JsonProcessingException e) {
      throw new InvalidGradingResultException(
          name + ": not a grading result: " + e.getOriginalMessage() + location(e));
    } catch (IOException e) {
      throw new InvalidGradingResultException(name + ": cannot read: " + e.getMessage());
    }
    if (result.notebooks() == null
        || result.module() == null
        || result.student() == null
        || result.notebooks().stream()
            .anyMatch(
                n ->
                    n == null
                        || n.name() == null
                        || n.tests() == null
                        || n.tests().stream()
                            .anyMatch(
                                t -> t == null || t.gradeId() == null || t.status() == null))) {
      throw new InvalidGradingResultException(
          name + ": not a grading result: a required field is null");
    }
    return result;
  }

  /** The fields added to schema 1 for manual grading are optional: absent means no person graded the cell. */
  private static JsonNode withOptionalFields(JsonNode tree) {
    for (JsonNode notebook : tree.path("notebooks")) {
      for (JsonNode test : notebook.path("tests")) {
        if (test instanceof ObjectNode fields) {
          for (String optional : OPTIONAL_TEST_FIELDS) {
            if (!fields.has(optional)) {
              fields.putNull(optional);
            }
          }
        }
      }
    }
    return tree;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }
}
