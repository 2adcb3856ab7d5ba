package dev.tito.notebook.review;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/** A local course's review file as JSON (docs/manual-grading.md), read strictly: a hand edit that breaks it is named. */
public final class ReviewJson {
  private static final ObjectMapper WRITER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final ObjectMapper READER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private ReviewJson() {}

  public static byte[] toBytes(Review review) {
    try {
      return (WRITER.writeValueAsString(review) + "\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws IllegalArgumentException naming {@code name} when the file is not a review of this module and student */
  public static Review read(byte[] bytes, String name, String module, String student) {
    Review review;
    try {
      review = READER.readValue(bytes, Review.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(name + ": not a review: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": cannot read: " + e.getMessage());
    }
    if (review == null || review.schemaVersion() != Review.SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          name
              + ": unsupported schema_version "
              + (review == null ? "" : review.schemaVersion())
              + " (expected "
              + Review.SCHEMA_VERSION
              + ")");
    }
    if (!module.equals(review.module()) || !student.equals(review.student())) {
      throw new IllegalArgumentException(
          name
              + ": review is for "
              + review.module()
              + "/"
              + review.student()
              + ", expected "
              + module
              + "/"
              + student);
    }
    Set<String> cells = new HashSet<>();
    for (ManualGrade grade : review.grades()) {
      String problem =
          grade == null
                  || grade.notebook() == null
                  || grade.gradeId() == null
                  || grade.answer() == null
              ? "a grade without notebook, grade_id or answer"
              : ManualGrade.problem(
                  grade.score(), grade.extraCredit(), grade.comment(), grade.maxScore());
      if (problem != null) {
        throw new IllegalArgumentException(name + ": " + problem);
      }
      if (!cells.add(grade.notebook() + "/" + grade.gradeId())) {
        throw new IllegalArgumentException(
            name + ": two grades for cell " + grade.notebook() + "/" + grade.gradeId());
      }
    }
    return review;
  }
}
