package dev.tito.notebook.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The manual grades of one student's submission of one module: {@code <course>/.tito/reviews/<module>/<student>.json}
 * in a local course, a {@code Review} object in a cluster. Grades are kept per (notebook, grade_id).
 */
public record Review(
    @JsonProperty(value = "schema_version", required = true) int schemaVersion,
    @JsonProperty(value = "module", required = true) String module,
    @JsonProperty(value = "student", required = true) String student,
    @JsonProperty(value = "grades", required = true) List<ManualGrade> grades) {

  public static final int SCHEMA_VERSION = 1;

  public Review {
    if (grades == null) {
      throw new IllegalArgumentException("a review without grades");
    }
    // nulls are kept for the reader to name them
    grades = java.util.Collections.unmodifiableList(new ArrayList<>(grades));
  }

  public static Review empty(String module, String student) {
    return new Review(SCHEMA_VERSION, module, student, List.of());
  }

  /** This review with {@code grade} in place of the one for the same cell (or added, in notebook then id order). */
  public Review with(ManualGrade grade) {
    List<ManualGrade> kept =
        new ArrayList<>(grades.stream().filter(g -> !sameCell(g, grade)).toList());
    kept.add(grade);
    kept.sort(
        java.util.Comparator.comparing(ManualGrade::notebook).thenComparing(ManualGrade::gradeId));
    return new Review(schemaVersion, module, student, kept);
  }

  /** The grade of one cell, or null. */
  public ManualGrade grade(String notebook, String gradeId) {
    return grades.stream()
        .filter(g -> g.notebook().equals(notebook) && g.gradeId().equals(gradeId))
        .findFirst()
        .orElse(null);
  }

  /** The grades of one notebook by grade_id. */
  public Map<String, ManualGrade> of(String notebook) {
    Map<String, ManualGrade> byId = new LinkedHashMap<>();
    grades.stream()
        .filter(g -> g.notebook().equals(notebook))
        .forEach(g -> byId.put(g.gradeId(), g));
    return byId;
  }

  private static boolean sameCell(ManualGrade a, ManualGrade b) {
    return Objects.equals(a.notebook(), b.notebook()) && Objects.equals(a.gradeId(), b.gradeId());
  }
}
